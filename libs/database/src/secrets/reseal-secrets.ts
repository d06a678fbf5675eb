import type { DataSource } from 'typeorm';
import type { SecretBox } from '@optout/secrets';
import { SEALED_COLUMNS } from './sealed-column';

/**
 * Brings every secret at rest under the current key: plaintext rows (written before
 * encryption, or by a replica not yet upgraded) are sealed, rows sealed with a previous key are
 * opened and sealed again. Run at start-up by every process that holds SECRETS_KEY, after the
 * migrations; idempotent, and safe beside other replicas doing the same (each row is only
 * replaced if it still holds the value that was read). Returns how many values it re-sealed.
 *
 * This is the data migration of "secrets at rest": a TypeORM migration cannot do it, since
 * every process migrates and only some hold the key; and it is what finishes a key rotation.
 */
export async function resealSecrets(dataSource: DataSource, box: SecretBox): Promise<number> {
  let resealed = 0;
  for (const { table, key, columns } of SEALED_COLUMNS) {
    for (const column of columns) {
      const rows: Array<{ id: string; value: string }> = await dataSource.query(
        `SELECT ${key} AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1`,
        [`enc:v1:${box.currentKeyId}:%`],
      );
      for (const row of rows) {
        const sealed = box.seal(box.open(row.value));
        const result: [unknown[], number] = await dataSource.query(`UPDATE ${table} SET ${column} = $1 WHERE ${key} = $2 AND ${column} = $3`, [sealed, row.id, row.value]);
        resealed += result[1] ?? 0;
      }
    }
  }
  return resealed;
}
