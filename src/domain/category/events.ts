import { z } from 'zod';
import { catalogIdSchema } from '../shared/index.js';

/** The catalog's id rule (shared `catalogIdSchema`), under the name this aggregate has always exported. */
export const categoryIdSchema = catalogIdSchema;
export const categoryNameSchema = z.string().trim().min(1).max(100);
/** Lower-case words joined by single hyphens, as `slugify` makes them. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lower-case words joined by hyphens')
  .max(100);

export const categoryCreatedSchema = z.object({
  type: z.literal('CategoryCreated'),
  data: z.object({
    categoryId: categoryIdSchema,
    name: categoryNameSchema,
    slug: slugSchema,
    parentId: categoryIdSchema.nullable(),
  }),
});

export const categoryRenamedSchema = z.object({
  type: z.literal('CategoryRenamed'),
  data: z.object({ categoryId: categoryIdSchema, name: categoryNameSchema, previousName: categoryNameSchema }),
});

export const categoryMovedSchema = z.object({
  type: z.literal('CategoryMoved'),
  data: z.object({
    categoryId: categoryIdSchema,
    parentId: categoryIdSchema.nullable(),
    previousParentId: categoryIdSchema.nullable(),
  }),
});

export const categoryEventSchema = z.discriminatedUnion('type', [
  categoryCreatedSchema,
  categoryRenamedSchema,
  categoryMovedSchema,
]);

export type CategoryCreated = z.infer<typeof categoryCreatedSchema>;
export type CategoryRenamed = z.infer<typeof categoryRenamedSchema>;
export type CategoryMoved = z.infer<typeof categoryMovedSchema>;
export type CategoryEvent = z.infer<typeof categoryEventSchema>;

/**
 * The whole tree is one stream, so that "no cycles" and "unique sibling names" are decided
 * against one consistent state. A catalog's tree is small and rarely written: no hot spot.
 */
export const categoryStreamCategory = 'catalog';
export const categoryStreamName = (): string => `${categoryStreamCategory}-categories`;
