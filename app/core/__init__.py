"""Building blocks shared by the features: models, policy, audit, mail, pagination."""
