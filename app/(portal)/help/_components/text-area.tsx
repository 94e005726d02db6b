// The help forms use the UI kit's labelled controls.
export { Select, TextArea } from "../../../_components/ui/form-controls";
