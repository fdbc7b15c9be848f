import { describeCases } from './harness';
import { SELECTORS_CASES } from './selectors.cases';

describeCases('selectors', SELECTORS_CASES);
