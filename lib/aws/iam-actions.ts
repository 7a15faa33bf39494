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
