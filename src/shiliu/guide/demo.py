"""Demo service guide: the sample guide of shiliu.guide.sample (marked as sample content),
published by the district administrator. Loading twice adds nothing."""

from shiliu.guide.sample import load_sample

ORDER = 85  # after workorders (20: its categories) and the place tree; before the windows that offer items


def load(places, users, admin) -> dict:
    made = load_sample(by=admin)
    return {"guide items": made["items"]}
