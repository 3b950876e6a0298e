import { z } from 'zod';
import { categoryIdSchema, categoryNameSchema, slugSchema } from './events.js';

export const createCategorySchema = z.object({
  type: z.literal('CreateCategory'),
  data: z.object({
    categoryId: categoryIdSchema,
    name: categoryNameSchema,
    slug: slugSchema,
    parentId: categoryIdSchema.nullable(),
  }),
});

export const renameCategorySchema = z.object({
  type: z.literal('RenameCategory'),
  data: z.object({ categoryId: categoryIdSchema, name: categoryNameSchema }),
});

export const moveCategorySchema = z.object({
  type: z.literal('MoveCategory'),
  data: z.object({ categoryId: categoryIdSchema, newParentId: categoryIdSchema.nullable() }),
});

export const categoryCommandSchema = z.discriminatedUnion('type', [
  createCategorySchema,
  renameCategorySchema,
  moveCategorySchema,
]);

export type CreateCategory = z.infer<typeof createCategorySchema>;
export type RenameCategory = z.infer<typeof renameCategorySchema>;
export type MoveCategory = z.infer<typeof moveCategorySchema>;
export type CategoryCommand = z.infer<typeof categoryCommandSchema>;
