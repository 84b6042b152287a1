export * from './profile';
export * from './shell';
