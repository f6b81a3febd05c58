import { describe, expect, it } from 'vitest';
import { importPath } from '../../src/project/import-path.js';

const nodeNext = { pathAliases: [], importSuffix: '.js' as const };

describe('importPath', () => {
  it('imports relatively with the .js suffix NodeNext needs', () => {
    expect(importPath('src/infrastructure/repos/prisma-user.repository.ts', 'src/domain/user/user.ts', nodeNext)).toBe('../../domain/user/user.js');
  });

  it('imports a declaration read from an installed package by the package name', () => {
    expect(importPath('src/infrastructure/repos/a.ts', 'node_modules/@acme/ddd-kit/dist/money.d.ts', nodeNext)).toBe('@acme/ddd-kit');
    expect(importPath('src/infrastructure/repos/a.ts', 'node_modules/ddd-kit/index.d.ts', nodeNext)).toBe('ddd-kit');
  });

  it('prefixes ./ for a file in the same folder', () => {
    expect(importPath('src/domain/a.ts', 'src/domain/b.ts', nodeNext)).toBe('./b.js');
  });

  it('leaves the suffix out for bundler resolution', () => {
    expect(importPath('src/x/a.ts', 'src/y/b.ts', { pathAliases: [], importSuffix: '' })).toBe('../y/b');
  });

  it('uses a tsconfig path alias that covers the target', () => {
    const context = { pathAliases: [{ pattern: '@domain/*', target: 'src/domain/*' }], importSuffix: '.js' as const };
    expect(importPath('src/infrastructure/repos/a.ts', 'src/domain/order/order.ts', context)).toBe('@domain/order/order.js');
    expect(importPath('src/infrastructure/repos/a.ts', 'src/application/x.ts', context)).toBe('../../application/x.js');
  });

  it('uses an exact alias', () => {
    const context = { pathAliases: [{ pattern: '@shop/domain', target: 'src/domain/index.ts' }], importSuffix: '' as const };
    expect(importPath('src/a.ts', 'src/domain/index.ts', context)).toBe('@shop/domain');
  });
});
