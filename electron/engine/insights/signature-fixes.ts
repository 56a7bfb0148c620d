// The signature doctor behind the API: a failing delivery's diagnosis against the sources as configured now, and
// its one-click fixes — file the delivery under the source whose secret signed it, or add that secret to the
// source it came to (which re-verifies that source's history in the background).
import type { DeliveryRecord, Store } from '../store/store.js';
import type { SignatureDiagnosis, SignatureFix, SignatureFixResult, SignatureResult, SourceConfig } from '../../../shared/domain.js';
import { ApiError, notFound } from '../../../shared/api-error.js';
import { diagnoseSignature } from '../signatures/doctor/diagnose.js';
import { verifyStored } from '../signatures/index.js';

export function diagnosisFor(record: DeliveryRecord, sources: readonly SourceConfig[]): SignatureDiagnosis[] | null {
  const source = sources.find((candidate) => candidate.name === record.source);
  if (!source) return null;
  return diagnoseSignature({
    result: record.signatureResult,
    source,
    sources,
    headers: record.headers,
    body: record.body,
    path: record.path,
    receivedAt: Date.parse(record.receivedAt),
  });
}

export interface FixDeps {
  store: Store;
  /** Sources as the services use them (CLI secrets included). */
  sources: () => SourceConfig[];
  /** Sources as saved. */
  storedSources: () => SourceConfig[];
  /** Saves the sources the way putSources does (events, background re-verification). */
  saveSources: (sources: SourceConfig[]) => Promise<unknown>;
  /** Stores a fresh verdict for one delivery and publishes it. */
  saveVerdict: (id: string, signature: SignatureResult) => void;
}

export async function applySignatureFix(deps: FixDeps, id: string, fix: Pick<SignatureFix, 'action' | 'source'>): Promise<SignatureFixResult> {
  const record = deps.store.getRecord(id);
  if (!record) throw notFound('delivery', id);
  const sources = deps.sources();
  const target = sources.find((source) => source.name === fix.source);
  if (!target) throw new ApiError(400, 'source', `source: no source named "${fix.source}"`);
  const finding = diagnosisFor(record, sources)?.find((item) => item.code === 'other-source-secret' && item.source === fix.source);
  if (!finding || finding.secretIndex === undefined) {
    throw new ApiError(409, 'source', `source: the secrets of "${fix.source}" do not verify delivery ${id} (any more)`);
  }
  if (fix.action === 'move-to-source') {
    if (!deps.store.moveToSource(id, target.name)) throw notFound('delivery', id);
    const moved = deps.store.getRecord(id)!;
    deps.saveVerdict(id, verifyStored(target, moved));
    return { delivery: deps.store.getSummary(id)!, message: `filed under "${target.name}", where its signature verifies` };
  }
  const secret = target.secrets[finding.secretIndex]!;
  const stored = deps.storedSources();
  const own = stored.find((source) => source.name === record.source);
  if (!own) throw new ApiError(409, 'source', `source: "${record.source}" is not a saved source`);
  if (own.secrets.length >= 20) throw new ApiError(409, 'source', `source: "${own.name}" already holds 20 secrets; remove one first`);
  const updated = stored.map((source) => (source === own ? { ...source, secrets: [...source.secrets, secret] } : source));
  await deps.saveSources(updated);
  const now = deps.sources().find((source) => source.name === own.name)!;
  deps.saveVerdict(id, verifyStored(now, record));
  return {
    delivery: deps.store.getSummary(id)!,
    message: `added the secret of "${target.name}" to "${own.name}" as secret #${own.secrets.length + 1}; re-checking the deliveries of "${own.name}"`,
  };
}
