/** Reads a file the construct uploaded as a CDK asset (an S3 object) into memory. */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface S3ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

export async function readS3Object(ref: S3ObjectRef): Promise<Uint8Array> {
  const res = await new S3Client({}).send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
  if (!res.Body) throw new Error(`s3://${ref.bucket}/${ref.key} is empty`);
  return res.Body.transformToByteArray();
}
