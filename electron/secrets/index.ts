export { createSecretStore, type SafeStorageLike, type SecretStore } from './secrets';
export { hashPassword, DEFAULT_ROUNDS } from './password-hash';
