/** IAM actions of the data-access policies of product and purpose roles (shared by the constructs and the bench baseline). */
/** Glue read actions every reader needs on the databases and tables it reaches. */
export const GLUE_READ = [
  'glue:GetDatabase',
  'glue:GetDatabases',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:GetTable',
  'glue:GetTables',
];
/** Glue actions writers need to maintain tables and partitions of their product. */
export const GLUE_WRITE = [
  'glue:BatchCreatePartition',
  'glue:BatchDeletePartition',
  'glue:CreatePartition',
  'glue:CreateTable',
  'glue:DeletePartition',
  'glue:UpdatePartition',
  'glue:UpdateTable',
];
/** S3 object actions writers need on their product's prefix (Lake Formation does not govern writes from Athena). */
export const S3_WRITE = ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'];
/**
 * Athena actions a purpose's role needs to run queries and read their results, all of which take
 * the workgroup as resource: granted on the purpose's workgroup only, so every query the role
 * runs is recorded under that workgroup (and no other workgroup's settings apply to it).
 */
export const ATHENA_QUERY = [
  'athena:BatchGetQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:GetQueryResultsStream',
  'athena:GetQueryRuntimeStatistics',
  'athena:GetWorkGroup',
  'athena:ListQueryExecutions',
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
];
/** S3 object actions on a purpose's query results prefix: Athena writes results with the caller's credentials. */
export const S3_QUERY_RESULTS = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'];
/** S3 bucket actions Athena calls on the results bucket before writing. */
export const S3_RESULTS_BUCKET = ['s3:GetBucketLocation'];
/** KMS actions on the results key, when results are encrypted with SSE-KMS. */
export const KMS_QUERY_RESULTS = ['kms:Decrypt', 'kms:GenerateDataKey'];
