import DefaultTheme from 'vitepress/theme'
import type { Theme } from 'vitepress'
import OpsConsole from './OpsConsole.vue'

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('OpsConsole', OpsConsole)
  },
} satisfies Theme
