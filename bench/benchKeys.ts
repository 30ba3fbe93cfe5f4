/**
 * The object keys the signing and export benchmarks sign: a realistic mix of
 * 40 characters on average, one in ten needing percent-encoding (spaces,
 * CJK, accents, `+`, `&`, `=`, `#`, `%`), as a DuckDB expression over
 * `range(n) t(i)` so every contender signs the same keys in the same order.
 */
export const BENCH_KEY_SQL = `CASE
  WHEN i % 10 = 0 THEN CASE (i // 10) % 6
    WHEN 0 THEN 'uploads/' || (i % 97)::VARCHAR || '/Quarterly report ' || i::VARCHAR || '.pdf'
    WHEN 1 THEN '照片/2026/旅行_' || i::VARCHAR || '.jpg'
    WHEN 2 THEN 'docs/café-menu/' || i::VARCHAR || '/crème brûlée.txt'
    WHEN 3 THEN 'exports/a+b=c&d/' || i::VARCHAR || '.csv'
    WHEN 4 THEN 'tickets/#' || i::VARCHAR || ' (copy) 100%.eml'
    ELSE 'media/' || (i % 50)::VARCHAR || '/Ünïcödé Sørensen ' || i::VARCHAR || '.mp4' END
  ELSE CASE i % 4
    WHEN 0 THEN 'logs/2026/11/23/app-server-' || lpad((i % 64)::VARCHAR, 2, '0') || '.' || i::VARCHAR || '.log.gz'
    WHEN 1 THEN 'images/user_' || (i % 9973)::VARCHAR || '/IMG_' || lpad(i::VARCHAR, 8, '0') || '.jpg'
    WHEN 2 THEN 'warehouse/sales/2026-11-' || lpad((i % 30 + 1)::VARCHAR, 2, '0') || '/part-' || lpad(i::VARCHAR, 7, '0') || '-c000.snappy.parquet'
    ELSE 'data/events/' || (i % 1000)::VARCHAR || '/part-' || lpad(i::VARCHAR, 7, '0') || '.parquet' END
  END`;

/** `CREATE TABLE <name> AS` the first `n` bench keys, column `k`, in order. */
export function createBenchKeys(name: string, n: number): string {
  return `CREATE OR REPLACE TABLE ${name} AS SELECT i, ${BENCH_KEY_SQL} AS k FROM range(${n}) t(i)`;
}
