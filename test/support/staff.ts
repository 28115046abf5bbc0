// A staff row's password hash, for the tests that copy one into a new account or check it: the application role
// cannot read staff.password_hash (migration 051, column privileges), only one account's hash through
// staff_password_hash(), in the scope '*' (what a test holds outside a request) or the account's own commune.
import { sql } from 'kysely';

/** `.select([…, passwordHash()])` on `staff` (unaliased): the row's hash as `password_hash`. */
export const passwordHash = () => sql<string>`staff_password_hash(id)`.as('password_hash');
