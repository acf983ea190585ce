/** The canonical datasets the insights read; location points add nothing to them. */
export const INSIGHTS_DATASETS: readonly string[] = ['work_tasks', 'pay_items', 'time_segments', 'shifts'];
