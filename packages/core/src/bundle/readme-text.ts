/** The README.txt inside every bundle: for whoever receives it, with no Vangnet software at hand. */
export function bundleReadme(caseId: string): string {
  return `Vangnet evidence bundle for case ${caseId}

What is in it
  summary.pdf      a summary of the case for reading
  report.json      what the reporter wrote (without their contact details) and the evidence manifest
  items/           the evidence items, exactly as captured on the reporter's device
  sealed/          the same report and items as the server received them (age-encrypted)
  receipt.json     the server's receipt of the sealed files, its Ed25519 signature and public key
  audit.json       this case's records from the helpline's hash-chained audit log, and the server's
                   signed checkpoint of the whole log at the moment of export
  bundle.json      the list of files with their SHA-256 hashes
  signature.json   the server's Ed25519 signature over the SHA-256 of bundle.json
  SHA256SUMS       the hashes of every file in the format of the sha256sum tool

How to check it
  1. npx vangnet verify <this file or the folder it was unpacked to> --server-key <published key>
     checks the server's signature over the whole bundle, every item against the manifest, the
     server's signature over the sealed files, and the audit records, and names any file or item
     that was changed. Without --server-key, compare the key it prints with the one the helpline
     publishes.
  2. Without Vangnet: sha256sum -c SHA256SUMS (in the unpacked folder) checks every file's hash.
  3. The helpline can show that report.json is what was sealed: age -d -i <helpline key> sealed/body.age
`;
}
