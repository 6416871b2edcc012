/**
 * Uploads the CSV to the import job's pre-signed S3 URL. The URL is signed for server-side
 * encryption with KMS, so the request must carry that header (Cognito's import guide).
 */
export async function uploadCsv(url: string, body: Uint8Array): Promise<void> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'x-amz-server-side-encryption': 'aws:kms', 'content-type': 'text/csv' },
    body,
  });
  if (!res.ok) {
    // The URL carries a signature: keep it out of the message.
    throw new Error(`Uploading the CSV to the import job's pre-signed URL failed: HTTP ${res.status}`);
  }
}
