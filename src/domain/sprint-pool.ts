// Our 40-task sprint pool: ten visibility and thirty quality tasks, four per module, each module's
// tasks listed in the order they are due.
import type { Track } from './metrics.ts';
import type { ModuleName } from './modules.ts';

export interface PoolTask {
  id: string;
  text: string;
  track: Track;
  module: ModuleName;
}

const V: Track = 'visibility';
const Q: Track = 'quality';

const ROWS: Array<[ModuleName, Track, string]> = [
  ['technical_foundation', Q, 'Audit crawl errors and fix every broken template URL'],
  ['technical_foundation', Q, 'Bring the slowest landing templates under the Core Web Vitals thresholds'],
  ['technical_foundation', Q, 'Consolidate duplicate URLs with canonical tags and redirects'],
  ['technical_foundation', Q, 'Set up an indexation monitor with a weekly alert on drops'],
  ['intent_operations', Q, 'Map priority queries to buyer stages and name the intent of each'],
  ['intent_operations', Q, 'Pick one landing path per high-intent cluster and remove competing pages'],
  ['intent_operations', Q, 'Tag high-intent sessions in analytics so the quality track can be read weekly'],
  ['intent_operations', Q, 'Review search terms that convert and feed them back into the cluster map'],
  ['content_system', V, 'Draft briefs for the first three new query clusters'],
  ['content_system', V, 'Publish the first refresh batch on pages that lost visibility'],
  ['content_system', Q, 'Write the editorial quality bar and the review checklist for every page'],
  ['content_system', Q, 'Set the refresh/new ratio for the next four weeks and assign writers'],
  ['onpage_optimization', Q, 'Rewrite titles and meta descriptions on the twenty highest-impression pages'],
  ['onpage_optimization', Q, 'Align headings with the intent named for each priority query'],
  ['onpage_optimization', Q, 'Add comparison and pricing sections to the high-intent landing pages'],
  ['onpage_optimization', Q, 'Test a clearer call to action on the top converting paths'],
  ['aeo_answer_layer', V, 'Add short answer blocks to the pages of the priority clusters'],
  ['aeo_answer_layer', V, 'Publish FAQ sections built from real customer questions'],
  ['aeo_answer_layer', V, 'Track which answer engines cite our pages and for which questions'],
  ['aeo_answer_layer', Q, 'Check every answer block for accuracy against the product documentation'],
  ['schema_entity_governance', Q, 'Validate Organization and Product structured data on every template'],
  ['schema_entity_governance', Q, 'Make brand, product and author names consistent across the site'],
  ['schema_entity_governance', Q, 'Add FAQ and HowTo markup where the page content supports it'],
  ['schema_entity_governance', Q, 'Add a structured data check to the release checklist'],
  ['internal_link_graph', Q, 'Find orphan pages and link them from their cluster hub'],
  ['internal_link_graph', Q, 'Link every cluster page back to its hub with descriptive anchors'],
  ['internal_link_graph', Q, 'Bring priority landing pages within three clicks of the home page'],
  ['internal_link_graph', Q, 'Fix links that point at redirects or removed pages'],
  ['authority_growth', V, 'List twenty publications our buyers read and pitch two data-led stories'],
  ['authority_growth', V, 'Turn one original dataset into a piece other sites can cite'],
  ['authority_growth', V, 'Claim unlinked brand mentions and ask for a link'],
  ['authority_growth', Q, 'Review new referring domains and disavow the risky ones'],
  ['experiment_engine', Q, 'Write the experiment template: hypothesis, metric, duration, stop rule'],
  ['experiment_engine', Q, 'Run a title test on one cluster with a holdout group'],
  ['experiment_engine', Q, 'Run a landing path test on one high-intent cluster'],
  ['experiment_engine', Q, 'Record each result and archive the winning pattern'],
  ['scale_loop', V, 'Roll the winning page pattern out to the next two clusters'],
  ['scale_loop', V, 'Expand coverage to adjacent queries of the winning clusters'],
  ['scale_loop', Q, 'Check scaled pages against the quality bar before each batch ships'],
  ['scale_loop', Q, 'Retire or merge scaled pages that get no high-intent sessions'],
];

export const SPRINT_POOL: readonly PoolTask[] = ROWS.map(([module, track, text], index) => ({
  id: `T${String(index + 1).padStart(2, '0')}`,
  text,
  track,
  module,
}));
