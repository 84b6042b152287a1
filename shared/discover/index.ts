export * from './subnet';
