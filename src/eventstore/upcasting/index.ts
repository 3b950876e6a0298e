export {
  createUpcasterRegistry,
  InvalidUpcasterChainError,
  versionOf,
  type Upcaster,
  type UpcasterRegistry,
} from './upcaster-registry.js';
export { withUpcasting } from './with-upcasting.js';
