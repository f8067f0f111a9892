import { describe, expect, it } from 'vitest';
import { proxyPathOfArtifactUri } from './mlflow-tracking-store.js';

describe('proxyPathOfArtifactUri', () => {
  it('maps proxied artifact URIs (with or without host) to the proxy path', () => {
    expect(proxyPathOfArtifactUri('mlflow-artifacts:/1/abc/artifacts')).toBe('1/abc/artifacts');
    expect(proxyPathOfArtifactUri('mlflow-artifacts://mlflow.example.com:5000/7/abc/artifacts/')).toBe(
      '7/abc/artifacts',
    );
  });

  it('refuses a non-proxied artifact store and says how to fix the server', () => {
    expect(() => proxyPathOfArtifactUri('s3://bucket/1/abc/artifacts')).toThrow(/--artifacts-destination/);
  });
});
