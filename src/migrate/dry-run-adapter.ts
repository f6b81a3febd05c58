import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** Thrown instead of running a statement that would change the database while dry-run is on. */
export class DryRunStop extends Error {
  constructor() {
    super('infragen dry run: the schema engine tried to change the database');
  }
}

const readOnly = /^\s*(select|with|show)\b/i;

/**
 * Wraps a driver-adapter factory so the engine can read (describe, count rows) but not write while
 * `dryRun.on` is true: `db push` without `force` then returns Prisma's warnings without applying anything.
 */
export function withDryRun(factory: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  dryRun: { on: boolean; blocked: boolean };
} {
  /** `blocked`: a write was refused (the engine reports it only as an opaque external error). */
  const dryRun = { on: false, blocked: false };
  const guard = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (dryRun.on) {
            const sql = (args[0] as { sql?: string } | undefined)?.sql;
            const writes =
              property === 'executeScript' ||
              property === 'executeRaw' ||
              (property === 'queryRaw' && !readOnly.test(sql ?? ''));
            if (writes) {
              dryRun.blocked = true;
              throw new DryRunStop();
            }
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return {
    dryRun,
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => guard(await factory.connect()),
      connectToShadowDb: () => factory.connectToShadowDb(),
    },
  };
}
