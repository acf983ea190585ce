/** The canonical datasets the insights read (location points: places and time at the workplace). */
export const INSIGHTS_DATASETS: readonly string[] = ['work_tasks', 'pay_items', 'time_segments', 'shifts', 'location_points'];
