/** Hand-written schemas for the migration tests (the schema generator is tested elsewhere). */
const datasource = 'datasource db {\n  provider = "postgresql"\n}\n';

export const v1 = `${datasource}
enum Role {
  USER
  ADMIN
}

model User {
  id       String  @id
  email    String
  name     String
  nickname String?
  role     Role    @default(USER)
}
`;

/** v1 plus an optional field, a required field with a default, a relation, an enum value, a unique index; minus `nickname`. */
export const v2 = `${datasource}
enum Role {
  USER
  ADMIN
  GUEST
}

model User {
  id    String  @id
  email String  @unique
  name  String
  bio   String?
  age   Int     @default(0)
  role  Role    @default(USER)
  posts Post[]
}

model Post {
  id       String @id
  title    String
  authorId String
  author   User   @relation(fields: [authorId], references: [id])
}
`;

/** v2 without `bio`: drops a column that holds data once the tests wrote some. */
export const v3 = v2.replace('  bio   String?\n', '');
