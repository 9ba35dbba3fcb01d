/** What every pane component gets: its box in the frame and whether it has the focus. */
export interface PaneProps {
  width: number;
  height: number;
  focused: boolean;
}
