// Kept so `npx tsx apps/report/src/i18n/generate-types.ts` still works: the generator is shared with the
// console (scripts/icu-catalog-types.ts).
import { writeTypes } from '../../../../scripts/icu-catalog-types.ts';

writeTypes('report');
