export {
  createSqlCustomerKeyStore,
  CustomerKeyDestroyedError,
  type CustomerKey,
  type CustomerKeyStore,
  type SqlCustomerKeyStoreOptions,
} from './customer-key-store.js';
export { developmentSecret, resolvePiiMasterKey, type SecretSettings } from './master-key.js';
export { PiiKeyMissingError, withPiiEncryption, type PiiEncryptionOptions } from './pii-encrypting-event-store.js';
export { SealedBoxError } from './sealed-box.js';
