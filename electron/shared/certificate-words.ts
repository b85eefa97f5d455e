// OpenSSL's verification codes (UNABLE_TO_VERIFY_LEAF_SIGNATURE…) in words, one table for every place that
// says why a certificate failed: HTTP and TLS checks, the diagnosis, the certificate panel. The code itself
// stays in the details (certificate.trustError) for whoever searches for it.
export const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for another name',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain ends in an untrusted self-signed CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate is not trusted (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate is not trusted (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate is not trusted (its issuer is unknown)',
  CERT_UNTRUSTED: 'certificate is not trusted',
  CERT_REVOKED: 'certificate was revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  CERT_CHAIN_TOO_LONG: 'certificate chain is too long',
  INVALID_CA: 'certificate chain contains an invalid CA',
};

/** Why a chain is not trusted, in words; an unknown code (or OpenSSL's own sentence) is kept in brackets. */
export function untrustedCertificateWords(trustError: string | undefined): string {
  if (trustError === undefined) return 'certificate is not trusted';
  return CERTIFICATE_PROBLEMS[trustError] ?? `certificate is not trusted (${trustError})`;
}
