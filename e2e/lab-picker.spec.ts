import { expect, test } from '@playwright/test';
import { chooseLab, openFresh } from './helpers.ts';

test('opens a seed lab, whose document loads when it is chosen, and runs it', async ({ page }) => {
  await openFresh(page);
  await expect(page.getByTestId('lab-picker').locator('option[value="seed000-dr"]')).toHaveText('Seed 000 §4.5 LVS-DR, corrected');
  await chooseLab(page, 'seed000-dr');
  await expect(page.getByTestId('lab-picker').locator('option:checked')).toHaveText('Seed 000 §4.5 LVS-DR, corrected');
  await expect(page.locator('[data-testid="canvas"] [data-testid="node-director"]')).toBeVisible();
  await expect(page.getByTestId('play')).toBeEnabled();
});
