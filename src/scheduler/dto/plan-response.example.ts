/**
 * A real answer of the plan route, shown in the docs: `basic` (defaults, planned master) for one
 * hour. test/plan.e2e-spec.ts asks the same request and compares, so this cannot go stale.
 */

/** The request `PLAN_EXAMPLE` answers. */
export const PLAN_EXAMPLE_REQUEST = { t0: '2026-12-01 00:00', t1: '2026-12-01 01:00', policy: 'basic' };

/** The answer to `PLAN_EXAMPLE_REQUEST`. */
export const PLAN_EXAMPLE = {
  "status": "ok",
  "commands": "from sorunlib import *\nfrom nextline import disable_trace\n\nwith disable_trace():\n    initialize(test_mode=True)\n\nsmurf.uxm_setup()\nsmurf.iv_curve()\n\n# DEC-050..-030_RA+034.839..+046.452\nacu.move_to(109.69, 50.00)\nsmurf.bias_dets()\nwait_until('2026-12-01T00:00:00+00:00')\nsmurf.bias_step()\nseq.scan(description='DEC-050..-030_RA+034.839..+046.452', stop_time='2026-12-01T00:20:07.590329+00:00', width=32.24)\nsmurf.bias_step()\n\n# uranus\nacu.move_to(53.76, 21.90)\nsmurf.bias_dets()\nwait_until('2026-12-01T00:20:07.590329+00:00')\nsmurf.bias_step()\nseq.scan(description='uranus', stop_time='2026-12-01T00:25:28.294344+00:00', width=1.08)\nsmurf.bias_step()\n\n# saturn\nacu.move_to(346.45, 65.74)\nsmurf.bias_dets()\nwait_until('2026-12-01T00:25:28.294344+00:00')\nsmurf.bias_step()\nseq.scan(description='saturn', stop_time='2026-12-01T00:53:41.162276+00:00', width=2.43)\nsmurf.bias_step()\n\n# DEC-050..-030_RA+046.452..+058.065\nacu.move_to(109.73, 50.00)\nsmurf.bias_dets()\nwait_until('2026-12-01T00:53:41.162276+00:00')\nsmurf.bias_step()\nseq.scan(description='DEC-050..-030_RA+046.452..+058.065', stop_time='2026-12-01T01:00:00+00:00', width=32.24)\nsmurf.bias_step()\n",
  "message": "No master_schedule in the config: the master schedule was generated for the window (config.master).",
  "window": {
    "t0": "2026-12-01T00:00:00Z",
    "t1": "2026-12-01T01:00:00Z"
  },
  "blocks": [
    {
      "name": "DEC-050..-030_RA+034.839..+046.452",
      "kind": "cmb",
      "t0": "2026-12-01T00:00:00Z",
      "t1": "2026-12-01T00:20:07.590329Z",
      "az": 109.69,
      "alt": 50,
      "throw": 32.24000000000001
    },
    {
      "name": "uranus",
      "kind": "calibration",
      "t0": "2026-12-01T00:20:07.590329Z",
      "t1": "2026-12-01T00:25:28.294344Z",
      "az": 53.756347551056024,
      "alt": 21.89866477763232,
      "throw": 1.0777662847281568
    },
    {
      "name": "saturn",
      "kind": "calibration",
      "t0": "2026-12-01T00:25:28.294344Z",
      "t1": "2026-12-01T00:53:41.162276Z",
      "az": 346.45199464016673,
      "alt": 65.74435422588802,
      "throw": 2.4342230738396253
    },
    {
      "name": "DEC-050..-030_RA+046.452..+058.065",
      "kind": "cmb",
      "t0": "2026-12-01T00:53:41.162276Z",
      "t1": "2026-12-01T01:00:00Z",
      "az": 109.73,
      "alt": 50,
      "throw": 32.239999999999995
    }
  ],
  "summary": {
    "windowSeconds": 3600,
    "scannedSeconds": 3600,
    "idleSeconds": 0,
    "idleFraction": 0,
    "scanCount": 4,
    "kinds": [
      {
        "kind": "cmb",
        "blocks": 2,
        "seconds": 1586.428053,
        "fraction": 0.44067445916666664
      },
      {
        "kind": "calibration",
        "blocks": 2,
        "seconds": 2013.571947,
        "fraction": 0.5593255408333333
      }
    ]
  },
  "config": {
    "master": {
      "patches": [
        {
          "name": "DEC-050..-030_RA+301.935..+313.548",
          "ra_min": 301.935,
          "ra_max": 313.548,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+313.548..+325.161",
          "ra_min": 313.548,
          "ra_max": 325.161,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+325.161..+336.774",
          "ra_min": 325.161,
          "ra_max": 336.774,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+336.774..+348.387",
          "ra_min": 336.774,
          "ra_max": 348.387,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+348.387..+360.000",
          "ra_min": 348.387,
          "ra_max": 360,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+000.000..+011.613",
          "ra_min": 0,
          "ra_max": 11.613,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+011.613..+023.226",
          "ra_min": 11.613,
          "ra_max": 23.226,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+023.226..+034.839",
          "ra_min": 23.226,
          "ra_max": 34.839,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+034.839..+046.452",
          "ra_min": 34.839,
          "ra_max": 46.452,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+046.452..+058.065",
          "ra_min": 46.452,
          "ra_max": 58.065,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+058.065..+069.677",
          "ra_min": 58.065,
          "ra_max": 69.677,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+069.677..+081.290",
          "ra_min": 69.677,
          "ra_max": 81.29,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        },
        {
          "name": "DEC-050..-030_RA+081.290..+092.903",
          "ra_min": 81.29,
          "ra_max": 92.903,
          "dec_min": -50,
          "dec_max": -30,
          "weight": 1
        }
      ],
      "horizontal_patches": [
        {
          "name": "south",
          "az_min": 109.7,
          "az_max": 141.9,
          "el": 50,
          "weight": 1
        }
      ],
      "elevations": [
        50,
        60
      ],
      "el_min": 30,
      "el_max": 80,
      "sun_avoidance": 45,
      "moon_avoidance": 0,
      "min_scan_length": 5,
      "max_scan_length": 60,
      "gap": 60,
      "rotation_step": 45
    },
    "mount": {
      "el_limits": [
        20,
        90
      ],
      "az_limits": [
        -90,
        480
      ]
    },
    "rules": {
      "sun-avoidance": {
        "min_angle_az": 6,
        "min_angle_alt": 6,
        "time_step": 10,
        "n_buffer": 3,
        "swept_arc": true
      },
      "sun-guard": {
        "min_distance_deg": 10
      },
      "day-mod": {
        "day": 0,
        "day_mod": 1,
        "day_ref": "2014-01-01T00:00:00Z"
      },
      "calibration-min-duration": {
        "min_duration": 300
      },
      "make-source-plan": {
        "specs": [
          {
            "bounds_x": [
              -0.5,
              0.5
            ],
            "bounds_y": [
              -0.5,
              0.5
            ]
          }
        ],
        "spec_shape": "ellipse",
        "max_obs_length": 6000
      },
      "make-source-scan": {
        "preferred_length": 1800
      },
      "alt-range": {
        "alt_range": [
          20,
          90
        ]
      },
      "calibration-crossing": {
        "margin_s": 0
      },
      "min-duration": {
        "min_duration": 100
      },
      "park": {
        "azimuths": [
          0,
          90,
          180,
          270
        ]
      }
    },
    "calibration_targets": [
      "uranus",
      "saturn"
    ],
    "soft_targets": []
  },
  "sunCheck": {
    "verdict": "safe",
    "minSunDistanceDeg": 103.98682631528895,
    "blocks": [
      {
        "index": 0,
        "name": "DEC-050..-030_RA+034.839..+046.452",
        "minSunDistanceDeg": 103.98682631528895,
        "problems": []
      },
      {
        "index": 1,
        "name": "uranus",
        "minSunDistanceDeg": 173.19135068545222,
        "problems": []
      },
      {
        "index": 2,
        "name": "saturn",
        "minSunDistanceDeg": 113.57766507829598,
        "problems": []
      },
      {
        "index": 3,
        "name": "DEC-050..-030_RA+046.452..+058.065",
        "minSunDistanceDeg": 106.92808049439998,
        "problems": []
      }
    ],
    "criteria": {
      "sunDistanceDeg": 10,
      "sunBox": {
        "minAzDeg": 6,
        "minAltDeg": 6
      },
      "paddingS": 30,
      "mountElLimits": [
        20,
        90
      ],
      "mountAzLimits": [
        -90,
        480
      ]
    }
  },
  "tracks": {
    "stepSeconds": 600,
    "sun": [
      {
        "t": "2026-12-01T00:00:00Z",
        "az": 239.56,
        "alt": -12.53
      },
      {
        "t": "2026-12-01T00:10:00Z",
        "az": 238.3,
        "alt": -14.5
      },
      {
        "t": "2026-12-01T00:20:00Z",
        "az": 236.98,
        "alt": -16.44
      },
      {
        "t": "2026-12-01T00:30:00Z",
        "az": 235.61,
        "alt": -18.36
      },
      {
        "t": "2026-12-01T00:40:00Z",
        "az": 234.17,
        "alt": -20.24
      },
      {
        "t": "2026-12-01T00:50:00Z",
        "az": 232.66,
        "alt": -22.09
      },
      {
        "t": "2026-12-01T01:00:00Z",
        "az": 231.08,
        "alt": -23.9
      }
    ],
    "moon": [
      {
        "t": "2026-12-01T00:00:00Z",
        "az": 116.96,
        "alt": -62.39
      },
      {
        "t": "2026-12-01T00:10:00Z",
        "az": 114.35,
        "alt": -60.39
      },
      {
        "t": "2026-12-01T00:20:00Z",
        "az": 112.02,
        "alt": -58.35
      },
      {
        "t": "2026-12-01T00:30:00Z",
        "az": 109.93,
        "alt": -56.28
      },
      {
        "t": "2026-12-01T00:40:00Z",
        "az": 108.02,
        "alt": -54.18
      },
      {
        "t": "2026-12-01T00:50:00Z",
        "az": 106.28,
        "alt": -52.06
      },
      {
        "t": "2026-12-01T01:00:00Z",
        "az": 104.68,
        "alt": -49.92
      }
    ]
  }
};
