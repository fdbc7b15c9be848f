import { TrailRule, findEach } from './rule';
import { loggedEvents } from './selectors';
import { asList, asLiteral, field } from './values';

const SOURCE = 'CloudTrail API PutInsightSelectors / InsightSelector, InvalidInsightSelectorsException / User Guide logging-insights-events-with-cloudtrail';
const REJECTED = 'CloudTrail rejects it with InvalidInsightSelectorsException';

/** Each insight selector with its index, type (when literal) and event categories (undefined when not known). */
function insightSelectors(props: unknown): Array<{ index: number; type?: string; categories?: string[] }> {
  return (asList(field(props, 'InsightSelectors')) ?? []).map((selector, index) => {
    const rawCategories = field(selector, 'EventCategories');
    let categories: string[] | undefined;
    if (rawCategories === undefined || rawCategories === null) {
      // CloudTrail's default category.
      categories = ['Management'];
    } else {
      const list = asList(rawCategories);
      const literal = list?.map(asLiteral);
      categories = literal?.every((c) => c !== undefined) ? literal as string[] : undefined;
    }
    return { index, type: asLiteral(field(selector, 'InsightType')), categories };
  });
}

export const INSIGHT_RULES: TrailRule[] = [
  {
    id: 'INSIGHT_TYPE',
    constraint: 'An insight selector\'s InsightType is ApiCallRateInsight or ApiErrorRateInsight.',
    source: SOURCE,
    cfnProperty: 'InsightSelectors',
    prop: 'insightSelectors',
    fix: 'use \'ApiCallRateInsight\' or \'ApiErrorRateInsight\' (aws_cloudtrail.InsightType)',
    severity: 'error',
    check(props) {
      return insightSelectors(props)
        .filter((s) => s.type !== undefined && s.type !== 'ApiCallRateInsight' && s.type !== 'ApiErrorRateInsight')
        .map((s) => ({ at: `InsightSelectors[${s.index}].InsightType`, value: s.type, problem: `is not an insight type; ${REJECTED}` }));
    },
  },
  {
    id: 'INSIGHT_EVENT_CATEGORY',
    constraint: 'An insight selector\'s EventCategories are Management and/or Data.',
    source: SOURCE,
    cfnProperty: 'InsightSelectors',
    prop: 'insightSelectors',
    fix: 'use \'Management\' and/or \'Data\'',
    severity: 'error',
    check(props) {
      return findEach(asList(field(props, 'InsightSelectors')) ?? [], (selector, index) => (asList(field(selector, 'EventCategories')) ?? [])
        .map((c, i) => ({ category: asLiteral(c), i }))
        .filter(({ category }) => category !== undefined && category !== 'Management' && category !== 'Data')
        .map(({ category, i }) => ({
          at: `InsightSelectors[${index}].EventCategories[${i}]`,
          value: category,
          problem: `is not an event category Insights analyse (Management, Data); ${REJECTED}`,
        })));
    },
  },
  {
    id: 'INSIGHT_PREREQUISITES',
    constraint: 'Insights analyse events the trail logs: ApiCallRateInsight on Management needs write management events, ApiErrorRateInsight '
      + 'on Management needs read or write management events, and either type on Data needs data events.',
    source: `${SOURCE} (prerequisites)`,
    cfnProperty: 'InsightSelectors',
    prop: 'insightSelectors',
    fix: 'log the events the insight analyses (management events with ReadWriteType All or WriteOnly, or data events), or drop the insight selector',
    severity: 'error',
    check(props, context) {
      const selectors = insightSelectors(props);
      if (selectors.length === 0) return [];
      const logged = loggedEvents(props, context);
      return findEach(selectors, ({ index, type, categories }) => {
        const missing: string[] = [];
        if (categories?.includes('Management')) {
          if (type === 'ApiCallRateInsight' && logged.managementWrite === false) missing.push('write management events');
          if (type === 'ApiErrorRateInsight' && logged.managementRead === false && logged.managementWrite === false) {
            missing.push('read or write management events');
          }
        }
        if (categories?.includes('Data') && (type === 'ApiCallRateInsight' || type === 'ApiErrorRateInsight') && logged.data === false) {
          missing.push('data events');
        }
        return missing.map((what) => ({
          at: `InsightSelectors[${index}]`,
          value: type,
          problem: `needs ${what}, which the trail's event selectors do not log; ${REJECTED}`,
        }));
      });
    },
  },
];
