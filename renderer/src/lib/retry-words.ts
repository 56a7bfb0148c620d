// Why the platform sent an attempt again, in the few words a timeline line and an expanded list row show.
import type { RetryCause } from '../../../shared/domain.js';

export const CAUSE_WORDS: Record<RetryCause, string> = {
  'non-2xx': 'we answered non-2xx',
  late: 'we answered late',
  duplicate: 'duplicate',
};
