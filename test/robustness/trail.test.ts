import { describeCases } from './harness';
import { TRAIL_CASES } from './trail.cases';

describeCases('trail', TRAIL_CASES);
