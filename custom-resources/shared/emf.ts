/**
 * One CloudWatch embedded metric format (EMF) log line: CloudWatch turns each `values` entry
 * into a metric of `namespace` with the one dimension `dimension` = `dimensionValue`.
 * `properties` are logged with the line without becoming metrics or dimensions.
 */
export function emfLine(options: {
  readonly namespace: string;
  readonly dimension: string;
  readonly dimensionValue: string;
  readonly timestamp: number;
  readonly values: { readonly [name: string]: number };
  /** The unit of a metric (`Count` when not listed). */
  readonly units?: { readonly [name: string]: string };
  readonly properties?: { readonly [key: string]: string };
}): string {
  const { namespace, dimension, dimensionValue, timestamp, values, units = {}, properties = {} } = options;
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{
        Namespace: namespace,
        Dimensions: [[dimension]],
        Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: units[name] ?? 'Count' })),
      }],
    },
    [dimension]: dimensionValue,
    ...properties,
    ...values,
  });
}
