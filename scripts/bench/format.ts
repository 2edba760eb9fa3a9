/** Number formatting for the printed tables; '-' where a figure is missing. */
export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');
export const whole = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-GB') : '-';
