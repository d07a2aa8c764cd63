// The parts of ECharts the site draws, and nothing else (bundled by
// scripts/bundle-echarts.sh with esbuild; see bench/README.md for sizes):
// bar charts (internal/charts BarOption), the province map (MapChart with
// a piecewise visualMap), their grid, tooltip, legend and title, drawn on
// canvas. Add a part here when internal/charts starts using it.
import * as echarts from 'echarts/core';
import { BarChart, MapChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, TitleComponent,
  DatasetComponent, GeoComponent, VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, MapChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent,
  DatasetComponent, GeoComponent, VisualMapComponent, CanvasRenderer]);

// charts.js (appended to this bundle by internal/sitegen) uses window.echarts.
window.echarts = echarts;
