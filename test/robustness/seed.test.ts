import { describeCases } from './harness';
import { SEED_CASES } from './seed.cases';

describeCases('seed', SEED_CASES);
