import type { ProductEvent, ProductStatus, Variant } from '../../../domain/product/index.js';

/** A product's descriptive fields: what ProductCreated set and ProductDetailsUpdated patches. */
export interface ProductDetails {
  readonly productId: string;
  readonly sellerId: string;
  readonly title: string;
  readonly description: string;
  readonly brand: string;
  readonly categoryId: string;
  readonly imageUrls: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  /** Every variant's price is in this currency (the product aggregate's rule). */
  readonly currency: string;
  /** When ProductCreated was recorded: product events carry no time of their own. */
  readonly createdAt: string;
}

/** A product as its events describe it; stock, rating and category path are joined in by the catalog. */
export type ProductDoc = ProductDetails & { readonly status: ProductStatus; readonly variants: readonly Variant[] };

/**
 * What one page does to a product, kept in three parts so that each is written only when it
 * changed: a status flip does not rewrite a 20 KB description, and a details patch is merged
 * into the stored details in SQL without reading them first.
 */
export interface ProductChange {
  readonly productId: string;
  readonly created: boolean;
  /** The whole details when created in this page, else only the fields that changed. */
  details: Partial<ProductDetails>;
  /** The variants after the page, when it changed them; they need the stored ones as a start. */
  variants: readonly Variant[] | null;
  status: ProductStatus | null;
}

/** The lowest current price: what listings show ("from …") and sort by. */
export const fromPrice = (variants: readonly Variant[]): number => Math.min(...variants.map((variant) => variant.price.amount));

/** Product events that need the stored variants to be applied. */
export const changesVariants = (event: ProductEvent): boolean => event.type === 'ProductVariantAdded' || event.type === 'VariantPriceChanged';

export function applyProductEvent(
  change: ProductChange | undefined,
  event: ProductEvent,
  recordedAt: Date,
  storedVariants: (productId: string) => readonly Variant[],
): ProductChange {
  const { productId } = event.data;
  if (event.type === 'ProductCreated') {
    const { variants, ...details } = event.data;
    const currency = variants[0]?.price.currency ?? '';
    return { productId, created: true, details: { ...details, currency, createdAt: recordedAt.toISOString() }, variants, status: 'draft' };
  }
  const next = change ?? { productId, created: false, details: {}, variants: null, status: null };
  const variants = () => next.variants ?? storedVariants(productId);
  switch (event.type) {
    case 'ProductDetailsUpdated': {
      const { productId: _productId, ...patch } = event.data;
      // Absent fields kept their value; events come through JSON, so there are no `undefined` ones.
      return { ...next, details: { ...next.details, ...patch } };
    }
    case 'ProductVariantAdded':
      return { ...next, variants: [...variants(), event.data.variant] };
    case 'VariantPriceChanged': {
      const { sku, price } = event.data;
      return { ...next, variants: variants().map((variant) => (variant.sku === sku ? { ...variant, price } : variant)) };
    }
    case 'ProductPublished':
      return { ...next, status: 'published' };
    case 'ProductUnpublished':
      return { ...next, status: 'unpublished' };
    case 'ProductDiscontinued':
      return { ...next, status: 'discontinued' };
  }
}
