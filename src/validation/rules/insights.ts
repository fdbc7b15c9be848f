import { TrailRuleSeverity } from '../rule-info';
import { enumRule } from './factories';
import { TrailRule } from './rule';
import { asList, asLiteral, field } from '../values';

const SOURCE =
  'CloudTrail API PutInsightSelectors / InsightSelector, InvalidInsightSelectorsException / User Guide logging-insights-events-with-cloudtrail';
const REJECTED = 'CloudTrail rejects it with InvalidInsightSelectorsException';
const COMMON = {
  source: SOURCE,
  cfnProperty: 'InsightSelectors',
  prop: 'insightSelectors',
  severity: TrailRuleSeverity.ERROR,
} as const;

export const INSIGHT_RULES: TrailRule[] = [
  enumRule(
    {
      ...COMMON,
      id: 'INSIGHT_TYPE',
      constraint: "An insight selector's InsightType is ApiCallRateInsight or ApiErrorRateInsight.",
      fix: "use 'ApiCallRateInsight' or 'ApiErrorRateInsight' (aws_cloudtrail.InsightType)",
      allowed: ['ApiCallRateInsight', 'ApiErrorRateInsight'],
      problem: `is not an insight type; ${REJECTED}`,
    },
    (view) => view.insightSelectors.map((s) => ({ at: `InsightSelectors[${s.index}].InsightType`, value: s.type })),
  ),
  enumRule(
    {
      ...COMMON,
      id: 'INSIGHT_EVENT_CATEGORY',
      constraint: "An insight selector's EventCategories are Management and/or Data.",
      fix: "use 'Management' and/or 'Data'",
      allowed: ['Management', 'Data'],
      problem: `is not an event category Insights analyse (Management, Data); ${REJECTED}`,
    },
    (view) =>
      view.insightSelectors.flatMap((s) =>
        s.categoryItems.map(({ value, index }) => ({
          at: `InsightSelectors[${s.index}].EventCategories[${index}]`,
          value,
        })),
      ),
  ),
  {
    ...COMMON,
    id: 'INSIGHT_PREREQUISITES',
    constraint:
      'Insights analyse events the trail logs: ApiCallRateInsight on Management needs write management events, ApiErrorRateInsight ' +
      'on Management needs read or write management events, and either type on Data needs data events.',
    source: `${SOURCE} (prerequisites)`,
    fix: 'log the events the insight analyses (management events with ReadWriteType All or WriteOnly, or data events), or drop the insight selector',
    check: ({ insightSelectors, logged }) =>
      insightSelectors.flatMap(({ index, type, categories }) => {
        const management = categories?.includes('Management');
        const missing = [
          management && type === 'ApiCallRateInsight' && logged.managementWrite === false && 'write management events',
          management &&
            type === 'ApiErrorRateInsight' &&
            logged.managementRead === false &&
            logged.managementWrite === false &&
            'read or write management events',
          categories?.includes('Data') &&
            (type === 'ApiCallRateInsight' || type === 'ApiErrorRateInsight') &&
            logged.data === false &&
            'data events',
        ].filter((what): what is string => typeof what === 'string');
        return missing.map((what) => ({
          at: `InsightSelectors[${index}]`,
          value: type,
          problem: `needs ${what}, which the trail's event selectors do not log; ${REJECTED}`,
        }));
      }),
  },
  enumRule(
    {
      ...COMMON,
      id: 'AGGREGATION_TEMPLATES',
      constraint:
        "Data event aggregation Templates are API_ACTIVITY, RESOURCE_ACCESS or USER_ACTIONS (the API's Template enum, a closed set today).",
      source:
        'CloudTrail API AggregationConfiguration Templates / CloudFormation AWS::CloudTrail::Trail AggregationConfiguration',
      cfnProperty: 'AggregationConfigurations',
      prop: 'dataEventAggregation',
      fix: 'use AggregationTemplate.API_ACTIVITY, RESOURCE_ACCESS or USER_ACTIONS, for Data events',
      allowed: ['API_ACTIVITY', 'RESOURCE_ACCESS', 'USER_ACTIONS'],
      problem: 'is not an aggregation template; CloudTrail rejects it',
    },
    ({ props }) =>
      (asList(props.AggregationConfigurations) ?? []).flatMap((config, i) =>
        (asList(field(config, 'Templates')) ?? []).map((t) => ({
          at: `AggregationConfigurations[${i}].Templates`,
          value: asLiteral(t),
        })),
      ),
  ),
];
