// The generated repositories against hand-written Prisma calls, in the same run, on the local PostgreSQL
// (DATABASE_URL): `save` of a new aggregate with 50 children, `save` of a loaded one after a small change and after changing every child, and
// `findById`, for a versioned cart and an unversioned shelf (test/fixtures/domains/carts). The hand-written side is
// what one writes with Prisma: a nested `create` with `createMany` (selecting only the key); an update replacing the children (nested
// `deleteMany` + `createMany`, or, for the versioned cart, a transaction that checks the version first); a
// `findUnique` with `include`, mapped to domain objects. Both keep the lists' order (the children's position column). Prints ms per operation and the ratio (aim <= 1.1x);
// asserts nothing. Standalone: `node bench/repository.mjs` (after `npm run build`); also run by bench/run.mjs.
// BENCH_REPOSITORY_ROUNDS sets the rounds (default 10, each timing every case a few times in alternating order).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import pg from 'pg';
import { reachable } from './messaging-common.mjs';
import { cliPath } from './run-cli.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const rounds = Number(process.env.BENCH_REPOSITORY_ROUNDS ?? 10);
const perRound = 5;
const children = 50;

function run(command, args, cwd, env) {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env, NO_COLOR: '1' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench/repository: ${[command, ...args].join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** The carts fixture with its repositories generated, its client generated and its tables in a scratch schema. */
function generatedProject(url) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infragen-bench-repository-'));
  cpSync(path.join(repoRoot, 'test/fixtures/domains/carts'), root, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-repository', private: true, type: 'module' }));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const env = { DATABASE_URL: url };
  run(process.execPath, [cliPath, 'generate', 'repo', '--all', '--migration', 'bench'], root, env);
  run(path.join(repoRoot, 'node_modules/.bin/prisma'), ['generate'], root, {
    PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  });
  run(process.execPath, [cliPath, 'migrate', 'deploy'], root, env);
  return root;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times each pair's sides `perRound` times per round, alternating which goes first; the median ms per op of each. */
async function measure(pairs) {
  const times = new Map(
    pairs.flatMap((pair) => [
      [pair.generated, []],
      [pair.hand, []],
    ]),
  );
  for (let round = -2; round < rounds; round += 1) {
    for (const pair of pairs) {
      const sides = round % 2 === 0 ? [pair.generated, pair.hand] : [pair.hand, pair.generated];
      for (const side of sides) {
        for (let index = 0; index < perRound; index += 1) {
          const prepared = await side.prepare();
          const started = performance.now();
          await side.run(prepared);
          // Two warm-up rounds are not counted.
          if (round >= 0) times.get(side).push(performance.now() - started);
        }
      }
    }
  }
  return pairs.map((pair) => {
    const generated = median(times.get(pair.generated));
    const hand = median(times.get(pair.hand));
    const ratio = generated / hand;
    return {
      case: pair.name,
      generated: `${generated.toFixed(2)} ms/op`,
      hand: `${hand.toFixed(2)} ms/op`,
      ratio: `${ratio.toFixed(2)}x (aim <= 1.1x${ratio <= 1.1 ? ', met' : ', MISSED'})`,
    };
  });
}

export async function bench() {
  if (!(await reachable(databaseUrl, 5432))) return [{ case: `Repository: skipped, no PostgreSQL at ${new URL(databaseUrl).host}` }];
  const schema = `bench_repository_${process.pid}_${Date.now()}`;
  const url = new URL(databaseUrl);
  url.searchParams.set('schema', schema);
  const root = generatedProject(url.toString());
  const jiti = createJiti(path.join(root, 'bench.mjs'));
  const load = (file) => jiti.import(path.join(root, file));
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { PrismaClient } = await load('src/infrastructure/db/generated/prisma/client.ts');
  const { Cart } = await load('src/domain/cart/cart.ts');
  const { CartItem } = await load('src/domain/cart/cart-item.ts');
  const { Shelf } = await load('src/domain/shelf/shelf.ts');
  const { ShelfBook } = await load('src/domain/shelf/shelf-book.ts');
  const { PrismaCartRepository } = await load('src/infrastructure/repos/prisma-cart.repository.ts');
  const { PrismaShelfRepository } = await load('src/infrastructure/repos/prisma-shelf.repository.ts');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }, { schema }) });
  // The tables are in `schema`, which the adapter gives Prisma's queries; the repositories' raw UPDATE of changed children takes it too.
  const carts = new PrismaCartRepository(prisma, schema);
  const shelves = new PrismaShelfRepository(prisma, schema);
  let sequence = 0;
  const nextId = (prefix) => `${prefix}-${(sequence += 1)}`;
  const newCart = () => {
    const cart = Cart.open(nextId('cart'), 'ada');
    for (let index = 0; index < children; index += 1) cart.add(`${cart.id}-${String(index).padStart(3, '0')}`, `SKU-${index}`, index + 1);
    return cart;
  };
  const newShelf = () => {
    const id = nextId('shelf');
    return new Shelf(
      id,
      'fiction',
      Array.from(
        { length: children },
        (_, index) => new ShelfBook(`${id}-${String(index).padStart(3, '0')}`, `Book ${index}`, new Date(Date.UTC(2026, 0, 1 + (index % 28)))),
      ),
    );
  };
  /** The small change an update saves: the owner, one quantity, one child removed, one added. */
  const changeCart = (cart) => {
    cart.owner = nextId('owner');
    cart.changeQuantity(cart.items[5].id, 99);
    cart.remove(cart.items[0].id);
    cart.add(nextId(`${cart.id}-new`), 'NEW', 1);
  };
  const changeShelf = (shelf) => {
    shelf.label = nextId('label');
    shelf.books[5].title = 'Renamed';
    shelf.books.splice(0, 1);
    shelf.books.push(new ShelfBook(nextId(`${shelf.id}-new`), 'New', new Date()));
  };
  /** The change issue 11 is about: every child changed, which the generated save writes in one UPDATE per child table. */
  const changeEveryCartItem = (cart) => {
    for (const item of cart.items) cart.changeQuantity(item.id, item.quantity + 100);
  };
  const changeEveryShelfBook = (shelf) => {
    for (const book of shelf.books) book.title = `${book.title} (2nd edition)`;
  };
  const cartRow = (cart) => ({ id: cart.id, owner: cart.owner });
  const itemRow = (item, position) => ({ id: item.id, sku: item.sku, quantity: item.quantity, note: item.note ?? null, position });
  const bookRow = (book, position) => ({ id: book.id, title: book.title, addedAt: book.addedAt, position });
  const toCart = (row) =>
    new Cart(
      row.id,
      row.owner,
      row.items.map((item) => new CartItem(item.id, item.sku, item.quantity, item.note ?? undefined)),
    );
  const toShelf = (row) =>
    new Shelf(
      row.id,
      row.label,
      row.books.map((book) => new ShelfBook(book.id, book.title, book.addedAt)),
    );
  const handVersions = new WeakMap();
  const handCartInsert = async (cart) => {
    await prisma.cart.create({ data: { ...cartRow(cart), version: 1, items: { createMany: { data: cart.items.map(itemRow) } } }, select: { id: true } });
    handVersions.set(cart, 1);
  };
  const handCartLoad = async (id) => {
    const row = await prisma.cart.findUnique({ where: { id }, include: { items: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } } });
    const cart = toCart(row);
    handVersions.set(cart, row.version);
    return cart;
  };
  const handShelfLoad = async (id) => toShelf(await prisma.shelf.findUnique({ where: { id }, include: { books: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } } }));
  const saved = async (save, make) => {
    const aggregate = make();
    await save(aggregate);
    return aggregate.id;
  };
  const pairs = [
    {
      name: `versioned cart: save new, ${children} children`,
      generated: { prepare: newCart, run: (cart) => carts.save(cart) },
      hand: { prepare: newCart, run: handCartInsert },
    },
    ...[
      ['a small change', changeCart],
      ['changing every child', changeEveryCartItem],
    ].map(([change, apply]) => ({
      name: `versioned cart: save loaded after ${change}, ${children} children`,
      generated: {
        prepare: async () => {
          const cart = await carts.findById(await saved((cart) => carts.save(cart), newCart));
          apply(cart);
          return cart;
        },
        run: (cart) => carts.save(cart),
      },
      hand: {
        prepare: async () => {
          const cart = await handCartLoad(await saved(handCartInsert, newCart));
          apply(cart);
          return cart;
        },
        // A competent hand-written versioned update: check the version, then replace the children.
        run: (cart) =>
          prisma.$transaction(async (tx) => {
            const expected = handVersions.get(cart);
            const { count } = await tx.cart.updateMany({ where: { id: cart.id, version: expected }, data: { owner: cart.owner, version: expected + 1 } });
            if (count === 0) throw new Error('conflict');
            await tx.cartItem.deleteMany({ where: { cartId: cart.id } });
            await tx.cartItem.createMany({ data: cart.items.map((item, position) => ({ ...itemRow(item, position), cartId: cart.id })) });
          }),
      },
    })),
    {
      name: `versioned cart: findById, ${children} children`,
      generated: { prepare: () => saved((cart) => carts.save(cart), newCart), run: (id) => carts.findById(id) },
      hand: { prepare: () => saved(handCartInsert, newCart), run: handCartLoad },
    },
    {
      name: `unversioned shelf: save new, ${children} children`,
      generated: { prepare: newShelf, run: (shelf) => shelves.save(shelf) },
      hand: {
        prepare: newShelf,
        run: (shelf) =>
          prisma.shelf.create({ data: { id: shelf.id, label: shelf.label, books: { createMany: { data: shelf.books.map(bookRow) } } }, select: { id: true } }),
      },
    },
    ...[
      ['a small change', changeShelf],
      ['changing every child', changeEveryShelfBook],
    ].map(([change, apply]) => ({
      name: `unversioned shelf: save loaded after ${change}, ${children} children`,
      generated: {
        prepare: async () => {
          const shelf = await shelves.findById(await saved((shelf) => shelves.save(shelf), newShelf));
          apply(shelf);
          return shelf;
        },
        run: (shelf) => shelves.save(shelf),
      },
      hand: {
        prepare: async () => {
          const shelf = await handShelfLoad(await saved((shelf) => shelves.save(shelf), newShelf));
          apply(shelf);
          return shelf;
        },
        run: (shelf) =>
          prisma.shelf.update({
            where: { id: shelf.id },
            data: { label: shelf.label, books: { deleteMany: {}, createMany: { data: shelf.books.map(bookRow) } } },
            select: { id: true },
          }),
      },
    })),
    {
      name: `unversioned shelf: findById, ${children} children`,
      generated: { prepare: () => saved((shelf) => shelves.save(shelf), newShelf), run: (id) => shelves.findById(id) },
      hand: { prepare: () => saved((shelf) => shelves.save(shelf), newShelf), run: handShelfLoad },
    },
  ];
  try {
    return await measure(pairs);
  } finally {
    await prisma.$disconnect();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench()) console.log(Object.values(row).join('  '));
}
