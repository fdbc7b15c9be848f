import { describeCases } from './harness';
import { STORAGE_CASES } from './storage.cases';

describeCases('storage', STORAGE_CASES);
