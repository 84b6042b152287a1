export { quote, op, sh, type ShellSyntax } from './quote';
