/**
 * MaxCompute's built-in functions, by the categories of its SQL reference
 * ("Built-in functions": date, mathematical, string, window, aggregate,
 * complex type, JSON and other functions).
 *
 * Sources: the function overview pages of MaxCompute's documentation
 * (help.aliyun.com / alibabacloud.com, maxcompute/user-guide: "Date
 * functions", "Mathematical functions", "String functions", "Aggregate
 * functions", "Window functions", "Complex type functions", "Lambda
 * functions", "GET_SIGNED_URL_FROM_OSS", "GET_DATA_FROM_OSS"), and the list
 * of built-in function names Alibaba's MaxCompute Python SDK ships for SQL
 * editors (aliyun/aliyun-odps-python-sdk, odps/superset_odps.py,
 * `_builtin_funcs`, at commit d4cdf3c of 2026-08-14). The type names used as
 * conversion functions (`STRING(x)`, `BIGINT(x)`, ...) are MaxCompute's
 * Hive-style casts: its documentation reads an object with
 * `STRING(GET_DATA_FROM_OSS(...))`, and the SDK's time grains call `INT(...)`.
 */
export const MAXCOMPUTE_FUNCTION_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  date: [
    'ADD_MONTHS', 'CURRENT_TIMESTAMP', 'CURRENT_TIMEZONE', 'DATE_ADD', 'DATEADD', 'DATE_FORMAT', 'DATE_SUB', 'DATEDIFF',
    'DATEPART', 'DATETRUNC', 'DAY', 'DAYOFMONTH', 'DAYOFWEEK', 'DAYOFYEAR', 'EXTRACT', 'FROM_UNIXTIME', 'FROM_UTC_TIMESTAMP',
    'GETDATE', 'HOUR', 'ISDATE', 'LAST_DAY', 'LASTDAY', 'MINUTE', 'MONTH', 'MONTHS_BETWEEN', 'NEXT_DAY', 'NOW', 'QUARTER',
    'SECOND', 'TO_CHAR', 'TO_DATE', 'TO_MILLIS', 'UNIX_TIMESTAMP', 'WEEKDAY', 'WEEKOFYEAR', 'YEAR',
  ],
  mathematical: [
    'ABS', 'ACOS', 'ASIN', 'ATAN', 'ATAN2', 'BIN', 'BIT_COUNT', 'CBRT', 'CEIL', 'CONV', 'CORR', 'COS', 'COSH', 'COT',
    'DEGREES', 'E', 'EXP', 'FACTORIAL', 'FLOOR', 'FORMAT_NUMBER', 'GREATEST', 'HEX', 'ISNAN', 'LEAST', 'LN', 'LOG', 'LOG10',
    'LOG2', 'NEGATIVE', 'PI', 'POSITIVE', 'POW', 'RADIANS', 'RAND', 'ROUND', 'SHIFTLEFT', 'SHIFTRIGHT', 'SHIFTRIGHTUNSIGNED',
    'SIGN', 'SIN', 'SINH', 'SQRT', 'TAN', 'TANH', 'TRUNC', 'UNHEX', 'WIDTH_BUCKET',
  ],
  string: [
    'ASCII', 'BASE64', 'CHAR_MATCHCOUNT', 'CHR', 'CONCAT', 'CONCAT_WS', 'DECODE', 'ENCODE', 'FIND_IN_SET', 'FROM_CHARSET',
    'FROM_JSON', 'GET_JSON_OBJECT', 'INITCAP', 'INSTR', 'IS_ENCODING', 'JSON_TUPLE', 'KEYVALUE', 'KEYVALUE_TUPLE', 'LENGTH',
    'LENGTHB', 'LOCATE', 'LPAD', 'LTRIM', 'MASK_HASH', 'MD5', 'PARSE_URL', 'PARSE_URL_TUPLE', 'REGEXP_COUNT',
    'REGEXP_EXTRACT', 'REGEXP_EXTRACT_ALL', 'REGEXP_INSTR', 'REGEXP_REPLACE', 'REGEXP_SUBSTR', 'REPEAT', 'REPLACE',
    'REVERSE', 'RPAD', 'RTRIM', 'SOUNDEX', 'SPACE', 'SPLIT', 'SPLIT_PART', 'SUBSTR', 'SUBSTRING', 'SUBSTRING_INDEX',
    'TO_JSON', 'TOLOWER', 'TOUPPER', 'TRANSLATE', 'TRIM', 'UNBASE64', 'URL_DECODE', 'URL_ENCODE',
  ],
  window: [
    'CLUSTER_SAMPLE', 'CUME_DIST', 'DENSE_RANK', 'FIRST_VALUE', 'LAG', 'LAST_VALUE', 'LEAD', 'NTH_VALUE', 'NTILE',
    'PERCENT_RANK', 'RANK', 'ROW_NUMBER',
  ],
  aggregate: [
    'ANY_VALUE', 'APPROX_DISTINCT', 'ARG_MAX', 'ARG_MIN', 'AVG', 'BITWISE_AND_AGG', 'BITWISE_OR_AGG', 'COLLECT_LIST',
    'COLLECT_SET', 'COUNT', 'COUNT_IF', 'COVAR_POP', 'COVAR_SAMP', 'HISTOGRAM', 'MAP_AGG', 'MAX', 'MAX_BY', 'MEDIAN', 'MIN',
    'MIN_BY', 'MULTIMAP_AGG', 'NUMERIC_HISTOGRAM', 'PERCENTILE', 'PERCENTILE_APPROX', 'STDDEV', 'STDDEV_SAMP', 'SUM',
    'VAR_POP', 'VAR_SAMP', 'VARIANCE', 'WM_CONCAT',
  ],
  complexType: [
    'ALL_MATCH', 'ANY_MATCH', 'ARRAY', 'ARRAY_CONTAINS', 'ARRAY_DISTINCT', 'ARRAY_EXCEPT', 'ARRAY_INTERSECT', 'ARRAY_JOIN',
    'ARRAY_MAX', 'ARRAY_MIN', 'ARRAY_NORMALIZE', 'ARRAY_POSITION', 'ARRAY_REDUCE', 'ARRAY_REMOVE', 'ARRAY_REPEAT',
    'ARRAY_SORT', 'ARRAY_UNION', 'ARRAYS_OVERLAP', 'ARRAYS_ZIP', 'COMBINATIONS', 'EXPLODE', 'FIELD', 'FILTER', 'FLATTEN',
    'INDEX', 'INLINE', 'MAP', 'MAP_CONCAT', 'MAP_ENTRIES', 'MAP_FILTER', 'MAP_FROM_ARRAYS', 'MAP_FROM_ENTRIES', 'MAP_KEYS',
    'MAP_UNION', 'MAP_UNION_SUM', 'MAP_VALUES', 'MAP_ZIP_WITH', 'MULTIMAP_FROM_ENTRIES', 'NAMED_STRUCT', 'NGRAMS',
    'POSEXPLODE', 'SEQUENCE', 'SHUFFLE', 'SIZE', 'SLICE', 'SORT_ARRAY', 'STACK', 'STR_TO_MAP', 'STRUCT', 'TRANSFORM',
    'TRANSFORM_KEYS', 'TRANSFORM_VALUES', 'ZIP_WITH',
  ],
  json: ['JSON_ARRAY', 'JSON_EXISTS', 'JSON_EXTRACT', 'JSON_FORMAT', 'JSON_OBJECT', 'JSON_PARSE', 'JSON_PRETTY', 'JSON_TYPE', 'JSON_VALID'],
  encryption: ['SYM_DECRYPT', 'SYM_ENCRYPT'],
  other: [
    'CAST', 'COALESCE', 'COMPRESS', 'CRC32', 'DECOMPRESS', 'GET_IDCARD_AGE', 'GET_IDCARD_BIRTHDAY', 'GET_IDCARD_SEX',
    'GET_USER_ID', 'GROUPING', 'HASH', 'IF', 'MAX_PT', 'NULLIF', 'NVL', 'ORDINAL', 'PARTITION_EXISTS',
    'SAMPLE', 'SHA', 'SHA1', 'SHA2', 'TABLE_EXISTS', 'TRANS_ARRAY', 'TRANS_COLS', 'UNIQUE_ID', 'UUID',
  ],
  objectTable: ['GET_DATA_FROM_OSS', 'GET_SIGNED_URL_FROM_OSS'],
  typeConversion: ['BIGINT', 'BINARY', 'BOOLEAN', 'DATE', 'DATETIME', 'DECIMAL', 'DOUBLE', 'FLOAT', 'INT', 'SMALLINT', 'STRING', 'TIMESTAMP', 'TINYINT'],
};

/** Every MaxCompute built-in function name, upper case. */
export const MAXCOMPUTE_BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set(Object.values(MAXCOMPUTE_FUNCTION_CATEGORIES).flat());

/**
 * MaxCompute's higher-order functions: the ones whose arguments may be a
 * lambda (`x -> expr`, `(x, y) -> expr`), per its "Lambda functions" and
 * "Complex type functions" pages.
 */
export const MAXCOMPUTE_LAMBDA_FUNCTIONS: ReadonlySet<string> = new Set([
  'ALL_MATCH', 'ANY_MATCH', 'ARRAY_REDUCE', 'ARRAY_SORT', 'FILTER', 'MAP_FILTER', 'MAP_ZIP_WITH', 'TRANSFORM',
  'TRANSFORM_KEYS', 'TRANSFORM_VALUES', 'ZIP_WITH',
]);
