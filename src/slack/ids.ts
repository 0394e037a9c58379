// Every Slack identifier we put on a surface and listen for, named once.
export const ACTION_IDS = {
  approvePlan: 'ohmymkt:plan:approve',
  rejectPlan: 'ohmymkt:plan:reject',
  runAsUltrawork: 'ohmymkt:run:ultrawork',
  retryRun: 'ohmymkt:run:retry',
  cancelRun: 'ohmymkt:run:cancel',
  configureProvider: 'ohmymkt:provider:configure',
  approveAsset: 'ohmymkt:asset:approve',
  sendBackAsset: 'ohmymkt:asset:send-back',
  /** A plan card's "View full plan": the whole plan in a modal, for anyone in the channel. */
  viewPlan: 'ohmymkt:plan:view',
  /** An approved plan's card, once its gates pass. */
  startCampaign: 'ohmymkt:campaign:start',
  /** An approved asset's card, when a publish provider is configured: opens the platform picker. */
  publishAsset: 'ohmymkt:asset:publish',
  /** App Home's link buttons to a thread (numbered per item); Slack opens the URL, the app only acks. */
  openThread: 'ohmymkt:home:open-thread',
  /** The welcome's suggested first requests. */
  suggestRequest: 'ohmymkt:welcome:suggest',
} as const;

export const CALLBACK_IDS = {
  providerSettings: 'ohmymkt:provider:settings',
  rejectReason: 'ohmymkt:plan:reject-reason',
  providerConfig: 'ohmymkt:provider:config',
  /** The Publish modal: which configured platform gets the approved asset. */
  publishAsset: 'ohmymkt:asset:publish',
  /** A suggested request that needs one detail from the person before it starts. */
  suggestionDetail: 'ohmymkt:welcome:detail',
} as const;

export const COMMAND = '/ohmymkt';
