"""The assessment: case references, questions, modules and the rules that drive them."""
