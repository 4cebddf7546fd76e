// A Grafana type as it looks in dashboard JSON: string enums become their string values ("absolute", not
// ThresholdsMode.Absolute); everything else (required fields, known property names, value types) is unchanged.
type IsAny<T> = 0 extends 1 & T ? true : false;

export type JsonOf<T> =
  IsAny<T> extends true ? T
  : T extends string ? `${T}`
  : T extends number | boolean | null | undefined ? T
  : T extends ReadonlyArray<infer U> ? Array<JsonOf<U>>
  : T extends object ? { [K in keyof T]: JsonOf<T[K]> }
  : T;
