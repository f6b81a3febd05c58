import { describe, expect, it } from 'vitest';
import { openSchemaEngine, postgresLockfile } from '../../src/migrate/index.js';
import { deployDownDeploy, failingDownIsAtomic, generateBoth, schemaPath, type Generated } from './scenario.js';
import { v2 } from './schemas.js';

describe('migrations on the embedded engine (PGlite)', () => {
  let generated: Generated;

  it('plans migration 1 and 2 with the SQL, down.sql and lock file Prisma writes', async () => {
    generated = await generateBoth(undefined);
    const [first, second] = generated.folder.migrations;
    expect(first!.name).toBe('20240101100000_init');
    expect(second!.name).toBe('20240102100000_grow_user');
    expect(generated.folder.lockfile).toBe(postgresLockfile);
    expect(first!.up).toMatchInlineSnapshot(`
      "-- CreateEnum
      CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

      -- CreateTable
      CREATE TABLE "User" (
          "id" TEXT NOT NULL,
          "email" TEXT NOT NULL,
          "name" TEXT NOT NULL,
          "nickname" TEXT,
          "role" "Role" NOT NULL DEFAULT 'USER',

          CONSTRAINT "User_pkey" PRIMARY KEY ("id")
      );
      "
    `);
    expect(first!.down).toMatchInlineSnapshot(`
      "-- DropTable
      DROP TABLE "User";

      -- DropEnum
      DROP TYPE "Role";
      "
    `);
    expect(second!.up).toMatchInlineSnapshot(`
      "-- AlterEnum
      ALTER TYPE "Role" ADD VALUE 'GUEST';

      -- AlterTable
      ALTER TABLE "User" DROP COLUMN "nickname",
      ADD COLUMN     "age" INTEGER NOT NULL DEFAULT 0,
      ADD COLUMN     "bio" TEXT;

      -- CreateTable
      CREATE TABLE "Post" (
          "id" TEXT NOT NULL,
          "title" TEXT NOT NULL,
          "authorId" TEXT NOT NULL,

          CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
      );

      -- CreateIndex
      CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

      -- AddForeignKey
      ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
      "
    `);
    expect(second!.down).toMatchInlineSnapshot(`
      "-- infragen: the migration drops the column User.nickname and its values: down.sql cannot bring that data back.
      -- AlterEnum
      BEGIN;
      CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');
      ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
      ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
      ALTER TYPE "Role" RENAME TO "Role_old";
      ALTER TYPE "Role_new" RENAME TO "Role";
      DROP TYPE "Role_old";
      ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
      COMMIT;

      -- DropForeignKey
      ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";

      -- DropIndex
      DROP INDEX "User_email_key";

      -- AlterTable
      ALTER TABLE "User" DROP COLUMN "age",
      DROP COLUMN "bio",
      ADD COLUMN     "nickname" TEXT;

      -- DropTable
      DROP TABLE "Post";
      "
    `);
  });

  it('deploys both, reverts the second, deploys again, keeping the data', async () => {
    const session = await openSchemaEngine({ schemaPath, schema: v2 });
    try {
      await deployDownDeploy(session, generated);
      await failingDownIsAtomic(session, generated);
    } finally {
      await session.close();
    }
  });
});
