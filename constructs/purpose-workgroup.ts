import { Environment } from '../lib/model';
import { purposeWorkgroupName } from '../lib/aws/names';
import { AthenaWorkgroup } from './aws';
import { Construct } from './cdktf';

/** Props of {@link PurposeWorkgroup}. */
export interface PurposeWorkgroupProps {
  /** The purpose whose queries the workgroup runs. */
  readonly purpose: string;
  readonly environment: Environment;
}

/**
 * The Athena workgroup of one purpose in one environment. Its settings are enforced (a query
 * cannot choose another result location or turn encryption off), its metrics are published, and
 * only the purpose's role may run queries in it: every query of the purpose, in CloudTrail and in
 * Athena's history, names the workgroup, and so the purpose.
 */
export class PurposeWorkgroup extends Construct {
  readonly workgroup: AthenaWorkgroup;
  readonly name: string;
  /** `arn:aws:athena:<region>:<account>:workgroup/<name>`, written out like role ARNs. */
  readonly arn: string;
  /** Where its query results go. */
  readonly results: {
    readonly bucket: string;
    /** Key prefix of the purpose's results, without trailing slash: `<prefix>/<purpose>`. */
    readonly prefix: string;
    /** `s3://<bucket>/<prefix>/<purpose>/`. */
    readonly location: string;
    readonly kmsKeyArn?: string;
  };

  constructor(scope: Construct, id: string, props: PurposeWorkgroupProps) {
    super(scope, id);
    const env = props.environment;
    const { bucket, prefix, kmsKeyArn } = env.queryResults;
    this.name = purposeWorkgroupName(env, props.purpose);
    this.arn = `arn:aws:athena:${env.region}:${env.account}:workgroup/${this.name}`;
    const keyPrefix = `${prefix}/${props.purpose}`;
    this.results = { bucket, prefix: keyPrefix, location: `s3://${bucket}/${keyPrefix}/`, ...(kmsKeyArn ? { kmsKeyArn } : {}) };
    this.workgroup = new AthenaWorkgroup(this, 'workgroup', {
      name: this.name,
      description: `Queries for purpose ${props.purpose} (${env.name}); only the purpose's role may use it`,
      state: 'ENABLED',
      // Deleting the workgroup must not delete its saved queries and history along with it.
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        resultConfiguration: {
          outputLocation: this.results.location,
          // Results are written only to a bucket of the environment's own account.
          expectedBucketOwner: env.account,
          encryptionConfiguration: kmsKeyArn ? { encryptionOption: 'SSE_KMS', kmsKeyArn } : { encryptionOption: 'SSE_S3' },
        },
      },
      tags: { Purpose: props.purpose, Environment: env.name },
    });
  }
}
