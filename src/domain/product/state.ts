import { assertNever } from '../shared/index.js';
import type { ProductCreated, ProductEvent, Variant } from './events.js';

/** Drafts and unpublished products are hidden from buyers; a discontinued one is gone for good. */
export type ProductStatus = 'draft' | 'published' | 'unpublished' | 'discontinued';

export type ExistingProduct = Readonly<Omit<ProductCreated['data'], 'variants'>> & {
  readonly status: ProductStatus;
  /** Every variant's price is in this currency. */
  readonly currency: string;
  readonly variants: readonly Variant[];
};

export type ProductState = { readonly status: 'absent' } | ExistingProduct;

export const initialState = (): ProductState => ({ status: 'absent' });

export const productExists = (state: ProductState): state is ExistingProduct => state.status !== 'absent';

export const findVariant = (product: ExistingProduct, sku: string): Variant | undefined =>
  product.variants.find((variant) => variant.sku === sku);

export function evolve(state: ProductState, event: ProductEvent): ProductState {
  if (event.type === 'ProductCreated') {
    const { variants, ...details } = event.data;
    return { ...details, status: 'draft', currency: variants[0]?.price.currency ?? '', variants };
  }
  // Every other event follows a ProductCreated in a stream that decide wrote.
  if (!productExists(state)) return state;
  switch (event.type) {
    case 'ProductDetailsUpdated': {
      const changes = event.data;
      return {
        ...state,
        title: changes.title ?? state.title,
        description: changes.description ?? state.description,
        brand: changes.brand ?? state.brand,
        categoryId: changes.categoryId ?? state.categoryId,
        imageUrls: changes.imageUrls ?? state.imageUrls,
        attributes: changes.attributes ?? state.attributes,
      };
    }
    case 'ProductVariantAdded':
      return { ...state, variants: [...state.variants, event.data.variant] };
    case 'VariantPriceChanged':
      return {
        ...state,
        variants: state.variants.map((variant) =>
          variant.sku === event.data.sku ? { ...variant, price: event.data.price } : variant,
        ),
      };
    case 'ProductPublished':
      return { ...state, status: 'published' };
    case 'ProductUnpublished':
      return { ...state, status: 'unpublished' };
    case 'ProductDiscontinued':
      return { ...state, status: 'discontinued' };
    default:
      return assertNever(event);
  }
}
