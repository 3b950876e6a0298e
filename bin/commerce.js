#!/usr/bin/env node
// The `commerce` CLI without a build step: registers tsx's loader, then runs the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/commerce.ts');
