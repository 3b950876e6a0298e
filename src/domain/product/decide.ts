import { assertNever, domainError } from '../shared/index.js';
import { mayCreateFor, mayManage } from './authorization.js';
import type { AddVariant, ChangeVariantPrice, CreateProduct, ProductCommand, UpdateProductDetails } from './commands.js';
import { detailChanges } from './details-changes.js';
import type { ProductEvent } from './events.js';
import type { ProductError } from './errors.js';
import { findVariant, productExists } from './state.js';
import type { ExistingProduct, ProductState } from './state.js';
import { checkNewVariants, checkPrice } from './variant-rules.js';

export type ProductDecision = readonly ProductEvent[] | ProductError;

type ExistingProductCommand = Exclude<ProductCommand, CreateProduct>;

export function decide(command: ProductCommand, state: ProductState): ProductDecision {
  if (command.type === 'CreateProduct') return createProduct(command, state);
  const { productId } = command.data;
  if (!productExists(state)) return domainError('PRODUCT_NOT_FOUND', `no product ${productId}`, { productId });
  const denied = mayManage(command.data.actor, state);
  if (denied) return denied;
  if (state.status === 'discontinued') {
    if (command.type === 'DiscontinueProduct') return [];
    return domainError('PRODUCT_DISCONTINUED', `product ${productId} is discontinued`, { productId });
  }
  return decideForProduct(command, state);
}

function decideForProduct(command: ExistingProductCommand, product: ExistingProduct): ProductDecision {
  const { productId } = product;
  switch (command.type) {
    case 'UpdateProductDetails':
      return updateDetails(command, product);
    case 'AddVariant':
      return addVariant(command, product);
    case 'ChangeVariantPrice':
      return changeVariantPrice(command, product);
    case 'PublishProduct':
      return product.status === 'published' ? [] : [{ type: 'ProductPublished', data: { productId } }];
    case 'UnpublishProduct':
      return product.status === 'published' ? [{ type: 'ProductUnpublished', data: { productId } }] : [];
    case 'DiscontinueProduct':
      return [{ type: 'ProductDiscontinued', data: { productId } }];
    default:
      return assertNever(command);
  }
}

function createProduct({ data }: CreateProduct, state: ProductState): ProductDecision {
  const denied = mayCreateFor(data.actor, data.sellerId);
  if (denied) return denied;
  if (productExists(state)) {
    return domainError('PRODUCT_ALREADY_EXISTS', `product ${data.productId} already exists`, { productId: data.productId });
  }
  const currency = data.variants[0]?.price.currency ?? '';
  const invalid = checkNewVariants(data.variants, [], currency);
  if (invalid) return invalid;
  const { productId, sellerId, title, description, brand, categoryId, imageUrls, attributes, variants } = data;
  return [
    {
      type: 'ProductCreated',
      data: { productId, sellerId, title, description, brand, categoryId, imageUrls, attributes, variants },
    },
  ];
}

function updateDetails({ data }: UpdateProductDetails, product: ExistingProduct): ProductDecision {
  const changes = detailChanges(data, product);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'ProductDetailsUpdated', data: { productId: product.productId, ...changes } }];
}

function addVariant({ data }: AddVariant, product: ExistingProduct): ProductDecision {
  const invalid = checkNewVariants([data.variant], product.variants, product.currency);
  if (invalid) return invalid;
  return [{ type: 'ProductVariantAdded', data: { productId: product.productId, variant: data.variant } }];
}

function changeVariantPrice({ data }: ChangeVariantPrice, product: ExistingProduct): ProductDecision {
  const variant = findVariant(product, data.sku);
  if (variant === undefined) {
    return domainError('UNKNOWN_SKU', `product ${product.productId} has no SKU ${data.sku}`, {
      productId: product.productId,
      sku: data.sku,
    });
  }
  const invalid = checkPrice(data.sku, data.price, product.currency);
  if (invalid) return invalid;
  if (data.price.amount === variant.price.amount) return [];
  return [
    {
      type: 'VariantPriceChanged',
      data: { productId: product.productId, sku: data.sku, price: data.price, previousPrice: variant.price },
    },
  ];
}
