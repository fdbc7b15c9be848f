import { describeCases } from './harness';
import { MONITORING_CASES } from './monitoring.cases';

describeCases('monitoring', MONITORING_CASES);
