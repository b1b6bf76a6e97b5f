NAME lipschitz_tiny_regressor
OBJSENSE
    MAX
ROWS
 N  obj
 G  relu_ge_0_0
 G  relu_ge_0_1
 G  relu_ge_0_2
 G  relu_ge_0_3
 G  relu_ge_0_4
 G  relu_ge_0_5
 G  relu_ge_0_6
 G  relu_ge_0_7
 L  relu_off_0_0
 L  relu_off_0_1
 L  relu_off_0_2
 L  relu_off_0_3
 L  relu_off_0_4
 L  relu_off_0_5
 L  relu_off_0_6
 L  relu_off_0_7
 L  relu_on_0_0
 L  relu_on_0_1
 L  relu_on_0_2
 L  relu_on_0_3
 L  relu_on_0_4
 L  relu_on_0_5
 L  relu_on_0_6
 L  relu_on_0_7
 G  relu_ge_1_0
 G  relu_ge_1_1
 G  relu_ge_1_2
 G  relu_ge_1_3
 G  relu_ge_1_4
 G  relu_ge_1_5
 G  relu_ge_1_6
 L  relu_off_1_0
 L  relu_off_1_1
 L  relu_off_1_2
 L  relu_off_1_3
 L  relu_off_1_4
 L  relu_off_1_5
 L  relu_off_1_6
 L  relu_on_1_0
 L  relu_on_1_1
 L  relu_on_1_2
 L  relu_on_1_3
 L  relu_on_1_4
 L  relu_on_1_5
 L  relu_on_1_6
 L  switch_on_le_1_0
 L  switch_on_le_1_1
 L  switch_on_le_1_2
 L  switch_on_le_1_3
 L  switch_on_le_1_4
 L  switch_on_le_1_5
 L  switch_on_le_1_6
 G  switch_on_ge_1_0
 G  switch_on_ge_1_1
 G  switch_on_ge_1_2
 G  switch_on_ge_1_3
 G  switch_on_ge_1_4
 G  switch_on_ge_1_5
 G  switch_on_ge_1_6
 L  switch_off_le_1_0
 L  switch_off_le_1_1
 L  switch_off_le_1_2
 L  switch_off_le_1_3
 L  switch_off_le_1_4
 L  switch_off_le_1_5
 L  switch_off_le_1_6
 G  switch_off_ge_1_0
 G  switch_off_ge_1_1
 G  switch_off_ge_1_2
 G  switch_off_ge_1_3
 G  switch_off_ge_1_4
 G  switch_off_ge_1_5
 G  switch_off_ge_1_6
 L  switch_on_le_0_0
 L  switch_on_le_0_1
 L  switch_on_le_0_2
 L  switch_on_le_0_3
 L  switch_on_le_0_4
 L  switch_on_le_0_5
 L  switch_on_le_0_6
 L  switch_on_le_0_7
 G  switch_on_ge_0_0
 G  switch_on_ge_0_1
 G  switch_on_ge_0_2
 G  switch_on_ge_0_3
 G  switch_on_ge_0_4
 G  switch_on_ge_0_5
 G  switch_on_ge_0_6
 G  switch_on_ge_0_7
 L  switch_off_le_0_0
 L  switch_off_le_0_1
 L  switch_off_le_0_2
 L  switch_off_le_0_3
 L  switch_off_le_0_4
 L  switch_off_le_0_5
 L  switch_off_le_0_6
 L  switch_off_le_0_7
 G  switch_off_ge_0_0
 G  switch_off_ge_0_1
 G  switch_off_ge_0_2
 G  switch_off_ge_0_3
 G  switch_off_ge_0_4
 G  switch_off_ge_0_5
 G  switch_off_ge_0_6
 G  switch_off_ge_0_7
 E  one_coordinate_0
 L  max_abs_0
 L  max_abs_1
 L  max_abs_2
 L  max_abs_3
 L  max_abs_4
 L  max_abs_5
COLUMNS
    x_0 relu_ge_0_0 -0.28216831124356839
    x_0 relu_ge_0_1 1.0640234240162014
    x_0 relu_ge_0_2 0.43842048078975338
    x_0 relu_ge_0_3 -0.24015817785897278
    x_0 relu_ge_0_4 0.60131224404711114
    x_0 relu_ge_0_5 -0.48895588511769139
    x_0 relu_ge_0_6 0.63842558611281719
    x_0 relu_ge_0_7 0.22502882987068382
    x_0 relu_off_0_0 -0.28216831124356839
    x_0 relu_off_0_1 1.0640234240162014
    x_0 relu_off_0_2 0.43842048078975338
    x_0 relu_off_0_3 -0.24015817785897278
    x_0 relu_off_0_4 0.60131224404711114
    x_0 relu_off_0_5 -0.48895588511769139
    x_0 relu_off_0_6 0.63842558611281719
    x_0 relu_off_0_7 0.22502882987068382
    x_1 relu_ge_0_0 -0.67084840499688159
    x_1 relu_ge_0_1 -0.73921996966145886
    x_1 relu_ge_0_2 -0.47448094519152439
    x_1 relu_ge_0_3 -0.023206662856650833
    x_1 relu_ge_0_4 0.13301541553544124
    x_1 relu_ge_0_5 -0.03243296494601821
    x_1 relu_ge_0_6 0.20999658510644895
    x_1 relu_ge_0_7 -1.0565986799584277
    x_1 relu_off_0_0 -0.67084840499688159
    x_1 relu_off_0_1 -0.73921996966145886
    x_1 relu_off_0_2 -0.47448094519152439
    x_1 relu_off_0_3 -0.023206662856650833
    x_1 relu_off_0_4 0.13301541553544124
    x_1 relu_off_0_5 -0.03243296494601821
    x_1 relu_off_0_6 0.20999658510644895
    x_1 relu_off_0_7 -1.0565986799584277
    x_2 relu_ge_0_0 -0.26980074291549011
    x_2 relu_ge_0_1 -0.36446331214829103
    x_2 relu_ge_0_2 -0.29767211498655916
    x_2 relu_ge_0_3 -0.44638928431784858
    x_2 relu_ge_0_4 0.39364877040242752
    x_2 relu_ge_0_5 0.2387899372322263
    x_2 relu_ge_0_6 -0.0066480625545238137
    x_2 relu_ge_0_7 -0.82198696138398708
    x_2 relu_off_0_0 -0.26980074291549011
    x_2 relu_off_0_1 -0.36446331214829103
    x_2 relu_off_0_2 -0.29767211498655916
    x_2 relu_off_0_3 -0.44638928431784858
    x_2 relu_off_0_4 0.39364877040242752
    x_2 relu_off_0_5 0.2387899372322263
    x_2 relu_off_0_6 -0.0066480625545238137
    x_2 relu_off_0_7 -0.82198696138398708
    h_0_0 relu_ge_0_0 1
    h_0_0 relu_off_0_0 1
    h_0_0 relu_on_0_0 1
    h_0_0 relu_ge_1_0 1.3555812394829843
    h_0_0 relu_ge_1_1 0.18880250356349904
    h_0_0 relu_ge_1_2 -0.29687403589291139
    h_0_0 relu_ge_1_3 -0.45723360156439058
    h_0_0 relu_ge_1_4 -0.099792266423540416
    h_0_0 relu_ge_1_5 0.40540729161878497
    h_0_0 relu_ge_1_6 -0.38766191102378705
    h_0_0 relu_off_1_0 1.3555812394829843
    h_0_0 relu_off_1_1 0.18880250356349904
    h_0_0 relu_off_1_2 -0.29687403589291139
    h_0_0 relu_off_1_3 -0.45723360156439058
    h_0_0 relu_off_1_4 -0.099792266423540416
    h_0_0 relu_off_1_5 0.40540729161878497
    h_0_0 relu_off_1_6 -0.38766191102378705
    h_0_1 relu_ge_0_1 1
    h_0_1 relu_off_0_1 1
    h_0_1 relu_on_0_1 1
    h_0_1 relu_ge_1_0 0.94450662298383636
    h_0_1 relu_ge_1_1 -1.0213858037461652
    h_0_1 relu_ge_1_2 -0.4455834771411642
    h_0_1 relu_ge_1_3 0.010031727307740211
    h_0_1 relu_ge_1_4 0.23337480843990102
    h_0_1 relu_ge_1_5 -0.37612191358979641
    h_0_1 relu_ge_1_6 -0.096816424188576902
    h_0_1 relu_off_1_0 0.94450662298383636
    h_0_1 relu_off_1_1 -1.0213858037461652
    h_0_1 relu_off_1_2 -0.4455834771411642
    h_0_1 relu_off_1_3 0.010031727307740211
    h_0_1 relu_off_1_4 0.23337480843990102
    h_0_1 relu_off_1_5 -0.37612191358979641
    h_0_1 relu_off_1_6 -0.096816424188576902
    h_0_2 relu_ge_0_2 1
    h_0_2 relu_off_0_2 1
    h_0_2 relu_on_0_2 1
    h_0_2 relu_ge_1_0 0.087386046027580974
    h_0_2 relu_ge_1_1 -0.32335149810092345
    h_0_2 relu_ge_1_2 -0.16042415228328186
    h_0_2 relu_ge_1_3 0.62437444516720775
    h_0_2 relu_ge_1_4 -0.11775280586511261
    h_0_2 relu_ge_1_5 -0.12672325810407073
    h_0_2 relu_ge_1_6 0.81542461621755058
    h_0_2 relu_off_1_0 0.087386046027580974
    h_0_2 relu_off_1_1 -0.32335149810092345
    h_0_2 relu_off_1_2 -0.16042415228328186
    h_0_2 relu_off_1_3 0.62437444516720775
    h_0_2 relu_off_1_4 -0.11775280586511261
    h_0_2 relu_off_1_5 -0.12672325810407073
    h_0_2 relu_off_1_6 0.81542461621755058
    h_0_3 relu_ge_0_3 1
    h_0_3 relu_off_0_3 1
    h_0_3 relu_on_0_3 1
    h_0_3 relu_ge_1_0 0.21109520578817678
    h_0_3 relu_ge_1_1 -0.33153168618813084
    h_0_3 relu_ge_1_2 0.40911511369515352
    h_0_3 relu_ge_1_3 0.15694973598342388
    h_0_3 relu_ge_1_4 -0.37975976123918959
    h_0_3 relu_ge_1_5 -0.44794153538878018
    h_0_3 relu_ge_1_6 0.59758154005159991
    h_0_3 relu_off_1_0 0.21109520578817678
    h_0_3 relu_off_1_1 -0.33153168618813084
    h_0_3 relu_off_1_2 0.40911511369515352
    h_0_3 relu_off_1_3 0.15694973598342388
    h_0_3 relu_off_1_4 -0.37975976123918959
    h_0_3 relu_off_1_5 -0.44794153538878018
    h_0_3 relu_off_1_6 0.59758154005159991
    h_0_4 relu_ge_0_4 1
    h_0_4 relu_off_0_4 1
    h_0_4 relu_on_0_4 1
    h_0_4 relu_ge_1_0 -0.10682149874930555
    h_0_4 relu_ge_1_1 0.25700318584373144
    h_0_4 relu_ge_1_2 -0.36582614189272039
    h_0_4 relu_ge_1_3 -0.027051139385771944
    h_0_4 relu_ge_1_4 0.82439368317547423
    h_0_4 relu_ge_1_5 0.17260785502563986
    h_0_4 relu_ge_1_6 -0.44189451829362764
    h_0_4 relu_off_1_0 -0.10682149874930555
    h_0_4 relu_off_1_1 0.25700318584373144
    h_0_4 relu_off_1_2 -0.36582614189272039
    h_0_4 relu_off_1_3 -0.027051139385771944
    h_0_4 relu_off_1_4 0.82439368317547423
    h_0_4 relu_off_1_5 0.17260785502563986
    h_0_4 relu_off_1_6 -0.44189451829362764
    h_0_5 relu_ge_0_5 1
    h_0_5 relu_off_0_5 1
    h_0_5 relu_on_0_5 1
    h_0_5 relu_ge_1_0 -0.10866096551128179
    h_0_5 relu_ge_1_1 0.82403758542782635
    h_0_5 relu_ge_1_2 0.25072000923352616
    h_0_5 relu_ge_1_3 -0.13639566958222687
    h_0_5 relu_ge_1_4 -0.12719405825880864
    h_0_5 relu_ge_1_5 0.7409091368611056
    h_0_5 relu_ge_1_6 -0.33988250870892328
    h_0_5 relu_off_1_0 -0.10866096551128179
    h_0_5 relu_off_1_1 0.82403758542782635
    h_0_5 relu_off_1_2 0.25072000923352616
    h_0_5 relu_off_1_3 -0.13639566958222687
    h_0_5 relu_off_1_4 -0.12719405825880864
    h_0_5 relu_off_1_5 0.7409091368611056
    h_0_5 relu_off_1_6 -0.33988250870892328
    h_0_6 relu_ge_0_6 1
    h_0_6 relu_off_0_6 1
    h_0_6 relu_on_0_6 1
    h_0_6 relu_ge_1_0 -1.0589193775255241
    h_0_6 relu_ge_1_1 -0.083732372111370565
    h_0_6 relu_ge_1_2 -0.43958030914399265
    h_0_6 relu_ge_1_3 0.49109406247048887
    h_0_6 relu_ge_1_4 -0.61232348376786616
    h_0_6 relu_ge_1_5 0.055005382355625493
    h_0_6 relu_ge_1_6 0.32012168295424437
    h_0_6 relu_off_1_0 -1.0589193775255241
    h_0_6 relu_off_1_1 -0.083732372111370565
    h_0_6 relu_off_1_2 -0.43958030914399265
    h_0_6 relu_off_1_3 0.49109406247048887
    h_0_6 relu_off_1_4 -0.61232348376786616
    h_0_6 relu_off_1_5 0.055005382355625493
    h_0_6 relu_off_1_6 0.32012168295424437
    h_0_7 relu_ge_0_7 1
    h_0_7 relu_off_0_7 1
    h_0_7 relu_on_0_7 1
    h_0_7 relu_ge_1_0 0.55601038134614067
    h_0_7 relu_ge_1_1 -0.054507043910773767
    h_0_7 relu_ge_1_2 0.53589370843872208
    h_0_7 relu_ge_1_3 0.55368652358259651
    h_0_7 relu_ge_1_4 0.14876342218523661
    h_0_7 relu_ge_1_5 0.22291407650561609
    h_0_7 relu_ge_1_6 0.00052439828364034052
    h_0_7 relu_off_1_0 0.55601038134614067
    h_0_7 relu_off_1_1 -0.054507043910773767
    h_0_7 relu_off_1_2 0.53589370843872208
    h_0_7 relu_off_1_3 0.55368652358259651
    h_0_7 relu_off_1_4 0.14876342218523661
    h_0_7 relu_off_1_5 0.22291407650561609
    h_0_7 relu_off_1_6 0.00052439828364034052
    MARKER 'MARKER' 'INTORG'
    a_0_0 relu_off_0_0 1.2366829916650737
    a_0_0 relu_on_0_0 -1.2089519266468063
    a_0_0 switch_on_le_0_0 1.0311065493607048
    a_0_0 switch_on_ge_0_0 -0.038071961650894943
    a_0_0 switch_off_le_0_0 -0.038071961650894943
    a_0_0 switch_off_ge_0_0 1.0311065493607048
    a_0_1 relu_off_0_1 2.1644066954275454
    a_0_1 relu_on_0_1 -2.1710067162243574
    a_0_1 switch_on_le_0_1 0.31938341742536386
    a_0_1 switch_on_ge_0_1 -0.52557760431468714
    a_0_1 switch_off_le_0_1 -0.52557760431468714
    a_0_1 switch_off_ge_0_1 0.31938341742536386
    a_0_2 relu_off_0_2 1.3531084370548556
    a_0_2 relu_on_0_2 -1.0680386448808181
    a_0_2 switch_on_le_0_2 0.034708498500240936
    a_0_2 switch_on_ge_0_2 -1.1105016376918366
    a_0_2 switch_off_le_0_2 -1.1105016376918366
    a_0_2 switch_off_ge_0_2 0.034708498500240936
    a_0_3 relu_off_0_3 0.67647276371966758
    a_0_3 relu_on_0_3 -0.7430354863472769
    a_0_3 switch_on_le_0_3 0.14864533342556693
    a_0_3 switch_on_ge_0_3 -0.99407708861290356
    a_0_3 switch_off_le_0_3 -0.99407708861290356
    a_0_3 switch_off_ge_0_3 0.14864533342556693
    a_0_4 relu_off_0_4 1.1931045312293194
    a_0_4 relu_on_0_4 -1.0628483287406405
    a_0_4 switch_on_le_0_4 0.64990814354235749
    a_0_4 switch_on_ge_0_4 -0.17740934589406038
    a_0_4 switch_off_le_0_4 -0.17740934589406038
    a_0_4 switch_off_ge_0_4 0.64990814354235749
    a_0_5 relu_off_0_5 0.67393430766436124
    a_0_5 relu_on_0_5 -0.84642326692751058
    a_0_5 switch_on_le_0_5 1.021691226102436
    a_0_5 switch_on_ge_0_5 -0.024208226279806712
    a_0_5 switch_off_le_0_5 -0.024208226279806712
    a_0_5 switch_off_ge_0_5 1.021691226102436
    a_0_6 relu_off_0_6 0.8676294421772226
    a_0_6 relu_on_0_6 -0.84251102537035716
    a_0_6 switch_on_le_0_6 0.10828514260499714
    a_0_6 switch_on_ge_0_6 -0.69545500025178453
    a_0_6 switch_off_le_0_6 -0.69545500025178453
    a_0_6 switch_off_ge_0_6 0.10828514260499714
    a_0_7 relu_off_0_7 2.0366991471341533
    a_0_7 relu_on_0_7 -2.1705297952920439
    a_0_7 switch_on_le_0_7 0.3102662434470847
    a_0_7 switch_on_ge_0_7 -0.058861988552522837
    a_0_7 switch_off_le_0_7 -0.058861988552522837
    a_0_7 switch_off_ge_0_7 0.3102662434470847
    MARKER 'MARKER' 'INTEND'
    h_1_0 relu_ge_1_0 1
    h_1_0 relu_off_1_0 1
    h_1_0 relu_on_1_0 1
    h_1_1 relu_ge_1_1 1
    h_1_1 relu_off_1_1 1
    h_1_1 relu_on_1_1 1
    h_1_3 relu_ge_1_2 1
    h_1_3 relu_off_1_2 1
    h_1_3 relu_on_1_2 1
    h_1_4 relu_ge_1_3 1
    h_1_4 relu_off_1_3 1
    h_1_4 relu_on_1_3 1
    h_1_5 relu_ge_1_4 1
    h_1_5 relu_off_1_4 1
    h_1_5 relu_on_1_4 1
    h_1_6 relu_ge_1_5 1
    h_1_6 relu_off_1_5 1
    h_1_6 relu_on_1_5 1
    h_1_7 relu_ge_1_6 1
    h_1_7 relu_off_1_6 1
    h_1_7 relu_on_1_6 1
    MARKER 'MARKER' 'INTORG'
    a_1_0 relu_off_1_0 4.6594420390947224
    a_1_0 relu_on_1_0 -1.2195438318955183
    a_1_0 switch_on_le_1_0 -0.22278677688809306
    a_1_0 switch_on_ge_1_0 -0.22278677688809306
    a_1_0 switch_off_le_1_0 -0.22278677688809306
    a_1_0 switch_off_ge_1_0 -0.22278677688809306
    a_1_1 relu_off_1_1 1.160600183851394
    a_1_1 relu_on_1_1 -3.0362747111445776
    a_1_1 switch_on_le_1_1 -0.23420216792363896
    a_1_1 switch_on_ge_1_1 -0.23420216792363896
    a_1_1 switch_off_le_1_1 -0.23420216792363896
    a_1_1 switch_off_ge_1_1 -0.23420216792363896
    a_1_3 relu_off_1_2 1.6761147837588446
    a_1_3 relu_on_1_2 -2.105347450726383
    a_1_3 switch_on_le_1_2 -0.12824281361078099
    a_1_3 switch_on_ge_1_2 -0.12824281361078099
    a_1_3 switch_off_le_1_2 -0.12824281361078099
    a_1_3 switch_off_ge_1_2 -0.12824281361078099
    a_1_4 relu_off_1_3 2.1874617759835253
    a_1_4 relu_on_1_3 -0.87231158181981705
    a_1_4 switch_on_le_1_3 0.047414169484249084
    a_1_4 switch_on_ge_1_3 0.047414169484249084
    a_1_4 switch_off_le_1_3 0.047414169484249084
    a_1_4 switch_off_ge_1_3 0.047414169484249084
    a_1_5 relu_off_1_4 1.658201196613275
    a_1_5 relu_on_1_4 -1.1410036560258177
    a_1_5 switch_on_le_1_4 0.12942403239392278
    a_1_5 switch_on_ge_1_4 0.12942403239392278
    a_1_5 switch_off_le_1_4 0.12942403239392278
    a_1_5 switch_off_ge_1_4 0.12942403239392278
    a_1_6 relu_off_1_5 1.7813052910070835
    a_1_6 relu_on_1_5 -1.2158884992222756
    a_1_6 switch_on_le_1_5 -0.5278714002666256
    a_1_6 switch_on_ge_1_5 -0.5278714002666256
    a_1_6 switch_off_le_1_5 -0.5278714002666256
    a_1_6 switch_off_ge_1_5 -0.5278714002666256
    a_1_7 relu_off_1_6 1.351689691819594
    a_1_7 relu_on_1_6 -1.3395486953462203
    a_1_7 switch_on_le_1_6 1.1254271375392688
    a_1_7 switch_on_ge_1_6 1.1254271375392688
    a_1_7 switch_off_le_1_6 1.1254271375392688
    a_1_7 switch_off_ge_1_6 1.1254271375392688
    MARKER 'MARKER' 'INTEND'
    q_1_0 switch_on_le_1_0 1
    q_1_0 switch_on_ge_1_0 1
    q_1_0 switch_off_le_1_0 1
    q_1_0 switch_off_ge_1_0 1
    q_1_0 switch_on_le_0_0 1.3555812394829843
    q_1_0 switch_on_le_0_1 0.94450662298383636
    q_1_0 switch_on_le_0_2 0.087386046027580974
    q_1_0 switch_on_le_0_3 0.21109520578817678
    q_1_0 switch_on_le_0_4 -0.10682149874930555
    q_1_0 switch_on_le_0_5 -0.10866096551128179
    q_1_0 switch_on_le_0_6 -1.0589193775255241
    q_1_0 switch_on_le_0_7 0.55601038134614067
    q_1_0 switch_on_ge_0_0 1.3555812394829843
    q_1_0 switch_on_ge_0_1 0.94450662298383636
    q_1_0 switch_on_ge_0_2 0.087386046027580974
    q_1_0 switch_on_ge_0_3 0.21109520578817678
    q_1_0 switch_on_ge_0_4 -0.10682149874930555
    q_1_0 switch_on_ge_0_5 -0.10866096551128179
    q_1_0 switch_on_ge_0_6 -1.0589193775255241
    q_1_0 switch_on_ge_0_7 0.55601038134614067
    q_1_1 switch_on_le_1_1 1
    q_1_1 switch_on_ge_1_1 1
    q_1_1 switch_off_le_1_1 1
    q_1_1 switch_off_ge_1_1 1
    q_1_1 switch_on_le_0_0 0.18880250356349904
    q_1_1 switch_on_le_0_1 -1.0213858037461652
    q_1_1 switch_on_le_0_2 -0.32335149810092345
    q_1_1 switch_on_le_0_3 -0.33153168618813084
    q_1_1 switch_on_le_0_4 0.25700318584373144
    q_1_1 switch_on_le_0_5 0.82403758542782635
    q_1_1 switch_on_le_0_6 -0.083732372111370565
    q_1_1 switch_on_le_0_7 -0.054507043910773767
    q_1_1 switch_on_ge_0_0 0.18880250356349904
    q_1_1 switch_on_ge_0_1 -1.0213858037461652
    q_1_1 switch_on_ge_0_2 -0.32335149810092345
    q_1_1 switch_on_ge_0_3 -0.33153168618813084
    q_1_1 switch_on_ge_0_4 0.25700318584373144
    q_1_1 switch_on_ge_0_5 0.82403758542782635
    q_1_1 switch_on_ge_0_6 -0.083732372111370565
    q_1_1 switch_on_ge_0_7 -0.054507043910773767
    q_1_3 switch_on_le_1_2 1
    q_1_3 switch_on_ge_1_2 1
    q_1_3 switch_off_le_1_2 1
    q_1_3 switch_off_ge_1_2 1
    q_1_3 switch_on_le_0_0 -0.29687403589291139
    q_1_3 switch_on_le_0_1 -0.4455834771411642
    q_1_3 switch_on_le_0_2 -0.16042415228328186
    q_1_3 switch_on_le_0_3 0.40911511369515352
    q_1_3 switch_on_le_0_4 -0.36582614189272039
    q_1_3 switch_on_le_0_5 0.25072000923352616
    q_1_3 switch_on_le_0_6 -0.43958030914399265
    q_1_3 switch_on_le_0_7 0.53589370843872208
    q_1_3 switch_on_ge_0_0 -0.29687403589291139
    q_1_3 switch_on_ge_0_1 -0.4455834771411642
    q_1_3 switch_on_ge_0_2 -0.16042415228328186
    q_1_3 switch_on_ge_0_3 0.40911511369515352
    q_1_3 switch_on_ge_0_4 -0.36582614189272039
    q_1_3 switch_on_ge_0_5 0.25072000923352616
    q_1_3 switch_on_ge_0_6 -0.43958030914399265
    q_1_3 switch_on_ge_0_7 0.53589370843872208
    q_1_4 switch_on_le_1_3 1
    q_1_4 switch_on_ge_1_3 1
    q_1_4 switch_off_le_1_3 1
    q_1_4 switch_off_ge_1_3 1
    q_1_4 switch_on_le_0_0 -0.45723360156439058
    q_1_4 switch_on_le_0_1 0.010031727307740211
    q_1_4 switch_on_le_0_2 0.62437444516720775
    q_1_4 switch_on_le_0_3 0.15694973598342388
    q_1_4 switch_on_le_0_4 -0.027051139385771944
    q_1_4 switch_on_le_0_5 -0.13639566958222687
    q_1_4 switch_on_le_0_6 0.49109406247048887
    q_1_4 switch_on_le_0_7 0.55368652358259651
    q_1_4 switch_on_ge_0_0 -0.45723360156439058
    q_1_4 switch_on_ge_0_1 0.010031727307740211
    q_1_4 switch_on_ge_0_2 0.62437444516720775
    q_1_4 switch_on_ge_0_3 0.15694973598342388
    q_1_4 switch_on_ge_0_4 -0.027051139385771944
    q_1_4 switch_on_ge_0_5 -0.13639566958222687
    q_1_4 switch_on_ge_0_6 0.49109406247048887
    q_1_4 switch_on_ge_0_7 0.55368652358259651
    q_1_5 switch_on_le_1_4 1
    q_1_5 switch_on_ge_1_4 1
    q_1_5 switch_off_le_1_4 1
    q_1_5 switch_off_ge_1_4 1
    q_1_5 switch_on_le_0_0 -0.099792266423540416
    q_1_5 switch_on_le_0_1 0.23337480843990102
    q_1_5 switch_on_le_0_2 -0.11775280586511261
    q_1_5 switch_on_le_0_3 -0.37975976123918959
    q_1_5 switch_on_le_0_4 0.82439368317547423
    q_1_5 switch_on_le_0_5 -0.12719405825880864
    q_1_5 switch_on_le_0_6 -0.61232348376786616
    q_1_5 switch_on_le_0_7 0.14876342218523661
    q_1_5 switch_on_ge_0_0 -0.099792266423540416
    q_1_5 switch_on_ge_0_1 0.23337480843990102
    q_1_5 switch_on_ge_0_2 -0.11775280586511261
    q_1_5 switch_on_ge_0_3 -0.37975976123918959
    q_1_5 switch_on_ge_0_4 0.82439368317547423
    q_1_5 switch_on_ge_0_5 -0.12719405825880864
    q_1_5 switch_on_ge_0_6 -0.61232348376786616
    q_1_5 switch_on_ge_0_7 0.14876342218523661
    q_1_6 switch_on_le_1_5 1
    q_1_6 switch_on_ge_1_5 1
    q_1_6 switch_off_le_1_5 1
    q_1_6 switch_off_ge_1_5 1
    q_1_6 switch_on_le_0_0 0.40540729161878497
    q_1_6 switch_on_le_0_1 -0.37612191358979641
    q_1_6 switch_on_le_0_2 -0.12672325810407073
    q_1_6 switch_on_le_0_3 -0.44794153538878018
    q_1_6 switch_on_le_0_4 0.17260785502563986
    q_1_6 switch_on_le_0_5 0.7409091368611056
    q_1_6 switch_on_le_0_6 0.055005382355625493
    q_1_6 switch_on_le_0_7 0.22291407650561609
    q_1_6 switch_on_ge_0_0 0.40540729161878497
    q_1_6 switch_on_ge_0_1 -0.37612191358979641
    q_1_6 switch_on_ge_0_2 -0.12672325810407073
    q_1_6 switch_on_ge_0_3 -0.44794153538878018
    q_1_6 switch_on_ge_0_4 0.17260785502563986
    q_1_6 switch_on_ge_0_5 0.7409091368611056
    q_1_6 switch_on_ge_0_6 0.055005382355625493
    q_1_6 switch_on_ge_0_7 0.22291407650561609
    q_1_7 switch_on_le_1_6 1
    q_1_7 switch_on_ge_1_6 1
    q_1_7 switch_off_le_1_6 1
    q_1_7 switch_off_ge_1_6 1
    q_1_7 switch_on_le_0_0 -0.38766191102378705
    q_1_7 switch_on_le_0_1 -0.096816424188576902
    q_1_7 switch_on_le_0_2 0.81542461621755058
    q_1_7 switch_on_le_0_3 0.59758154005159991
    q_1_7 switch_on_le_0_4 -0.44189451829362764
    q_1_7 switch_on_le_0_5 -0.33988250870892328
    q_1_7 switch_on_le_0_6 0.32012168295424437
    q_1_7 switch_on_le_0_7 0.00052439828364034052
    q_1_7 switch_on_ge_0_0 -0.38766191102378705
    q_1_7 switch_on_ge_0_1 -0.096816424188576902
    q_1_7 switch_on_ge_0_2 0.81542461621755058
    q_1_7 switch_on_ge_0_3 0.59758154005159991
    q_1_7 switch_on_ge_0_4 -0.44189451829362764
    q_1_7 switch_on_ge_0_5 -0.33988250870892328
    q_1_7 switch_on_ge_0_6 0.32012168295424437
    q_1_7 switch_on_ge_0_7 0.00052439828364034052
    q_0_0 switch_on_le_0_0 1
    q_0_0 switch_on_ge_0_0 1
    q_0_0 switch_off_le_0_0 1
    q_0_0 switch_off_ge_0_0 1
    q_0_0 max_abs_0 -0.28216831124356839
    q_0_0 max_abs_1 -0.67084840499688159
    q_0_0 max_abs_2 -0.26980074291549011
    q_0_0 max_abs_3 0.28216831124356839
    q_0_0 max_abs_4 0.67084840499688159
    q_0_0 max_abs_5 0.26980074291549011
    q_0_1 switch_on_le_0_1 1
    q_0_1 switch_on_ge_0_1 1
    q_0_1 switch_off_le_0_1 1
    q_0_1 switch_off_ge_0_1 1
    q_0_1 max_abs_0 1.0640234240162014
    q_0_1 max_abs_1 -0.73921996966145886
    q_0_1 max_abs_2 -0.36446331214829103
    q_0_1 max_abs_3 -1.0640234240162014
    q_0_1 max_abs_4 0.73921996966145886
    q_0_1 max_abs_5 0.36446331214829103
    q_0_2 switch_on_le_0_2 1
    q_0_2 switch_on_ge_0_2 1
    q_0_2 switch_off_le_0_2 1
    q_0_2 switch_off_ge_0_2 1
    q_0_2 max_abs_0 0.43842048078975338
    q_0_2 max_abs_1 -0.47448094519152439
    q_0_2 max_abs_2 -0.29767211498655916
    q_0_2 max_abs_3 -0.43842048078975338
    q_0_2 max_abs_4 0.47448094519152439
    q_0_2 max_abs_5 0.29767211498655916
    q_0_3 switch_on_le_0_3 1
    q_0_3 switch_on_ge_0_3 1
    q_0_3 switch_off_le_0_3 1
    q_0_3 switch_off_ge_0_3 1
    q_0_3 max_abs_0 -0.24015817785897278
    q_0_3 max_abs_1 -0.023206662856650833
    q_0_3 max_abs_2 -0.44638928431784858
    q_0_3 max_abs_3 0.24015817785897278
    q_0_3 max_abs_4 0.023206662856650833
    q_0_3 max_abs_5 0.44638928431784858
    q_0_4 switch_on_le_0_4 1
    q_0_4 switch_on_ge_0_4 1
    q_0_4 switch_off_le_0_4 1
    q_0_4 switch_off_ge_0_4 1
    q_0_4 max_abs_0 0.60131224404711114
    q_0_4 max_abs_1 0.13301541553544124
    q_0_4 max_abs_2 0.39364877040242752
    q_0_4 max_abs_3 -0.60131224404711114
    q_0_4 max_abs_4 -0.13301541553544124
    q_0_4 max_abs_5 -0.39364877040242752
    q_0_5 switch_on_le_0_5 1
    q_0_5 switch_on_ge_0_5 1
    q_0_5 switch_off_le_0_5 1
    q_0_5 switch_off_ge_0_5 1
    q_0_5 max_abs_0 -0.48895588511769139
    q_0_5 max_abs_1 -0.03243296494601821
    q_0_5 max_abs_2 0.2387899372322263
    q_0_5 max_abs_3 0.48895588511769139
    q_0_5 max_abs_4 0.03243296494601821
    q_0_5 max_abs_5 -0.2387899372322263
    q_0_6 switch_on_le_0_6 1
    q_0_6 switch_on_ge_0_6 1
    q_0_6 switch_off_le_0_6 1
    q_0_6 switch_off_ge_0_6 1
    q_0_6 max_abs_0 0.63842558611281719
    q_0_6 max_abs_1 0.20999658510644895
    q_0_6 max_abs_2 -0.0066480625545238137
    q_0_6 max_abs_3 -0.63842558611281719
    q_0_6 max_abs_4 -0.20999658510644895
    q_0_6 max_abs_5 0.0066480625545238137
    q_0_7 switch_on_le_0_7 1
    q_0_7 switch_on_ge_0_7 1
    q_0_7 switch_off_le_0_7 1
    q_0_7 switch_off_ge_0_7 1
    q_0_7 max_abs_0 0.22502882987068382
    q_0_7 max_abs_1 -1.0565986799584277
    q_0_7 max_abs_2 -0.82198696138398708
    q_0_7 max_abs_3 -0.22502882987068382
    q_0_7 max_abs_4 1.0565986799584277
    q_0_7 max_abs_5 0.82198696138398708
    gmax obj 1
    gmax max_abs_0 1
    gmax max_abs_1 1
    gmax max_abs_2 1
    gmax max_abs_3 1
    gmax max_abs_4 1
    gmax max_abs_5 1
    MARKER 'MARKER' 'INTORG'
    y_0_p one_coordinate_0 1
    y_0_p max_abs_0 4.0105157029164289
    y_1_p one_coordinate_0 1
    y_1_p max_abs_1 3.2779328887332602
    y_2_p one_coordinate_0 1
    y_2_p max_abs_2 2.6132390545959425
    y_0_n one_coordinate_0 1
    y_0_n max_abs_3 2.9004391867785033
    y_1_n one_coordinate_0 1
    y_1_n max_abs_4 3.0037394219962161
    y_2_n one_coordinate_0 1
    y_2_n max_abs_5 3.4453828532542845
    MARKER 'MARKER' 'INTEND'
RHS
    rhs relu_ge_0_0 -0.013865532509133733
    rhs relu_ge_0_1 0.0033000103984060108
    rhs relu_ge_0_2 -0.14253489608701878
    rhs relu_ge_0_3 0.033281361313804665
    rhs relu_ge_0_4 -0.065128101244339404
    rhs relu_ge_0_5 0.08624447963157468
    rhs relu_ge_0_6 -0.01255920840343272
    rhs relu_ge_0_7 0.066915324078945279
    rhs relu_off_0_0 1.22281745915594
    rhs relu_off_0_1 2.1677067058259514
    rhs relu_off_0_2 1.2105735409678369
    rhs relu_off_0_3 0.70975412503347224
    rhs relu_off_0_4 1.1279764299849799
    rhs relu_off_0_5 0.76017878729593591
    rhs relu_off_0_6 0.85507023377378988
    rhs relu_off_0_7 2.1036144712130986
    rhs relu_ge_1_0 0.12188436051712233
    rhs relu_ge_1_1 0.038292958271347238
    rhs relu_ge_1_2 -0.15143186317046387
    rhs relu_ge_1_3 0.17533841175163728
    rhs relu_ge_1_4 -0.011129219318751944
    rhs relu_ge_1_5 -0.068856494763432169
    rhs relu_ge_1_6 0.014425708806082497
    rhs relu_off_1_0 4.7813263996118449
    rhs relu_off_1_1 1.1988931421227411
    rhs relu_off_1_2 1.5246829205883807
    rhs relu_off_1_3 2.3628001877351625
    rhs relu_off_1_4 1.647071977294523
    rhs relu_off_1_5 1.7124487962436512
    rhs relu_off_1_6 1.3661154006256764
    rhs switch_on_le_0_0 1.0311065493607048
    rhs switch_on_le_0_1 0.31938341742536386
    rhs switch_on_le_0_2 0.034708498500240936
    rhs switch_on_le_0_3 0.14864533342556693
    rhs switch_on_le_0_4 0.64990814354235749
    rhs switch_on_le_0_5 1.021691226102436
    rhs switch_on_le_0_6 0.10828514260499714
    rhs switch_on_le_0_7 0.3102662434470847
    rhs switch_on_ge_0_0 -0.038071961650894943
    rhs switch_on_ge_0_1 -0.52557760431468714
    rhs switch_on_ge_0_2 -1.1105016376918366
    rhs switch_on_ge_0_3 -0.99407708861290356
    rhs switch_on_ge_0_4 -0.17740934589406038
    rhs switch_on_ge_0_5 -0.024208226279806712
    rhs switch_on_ge_0_6 -0.69545500025178453
    rhs switch_on_ge_0_7 -0.058861988552522837
    rhs one_coordinate_0 1
    rhs max_abs_0 4.0105157029164289
    rhs max_abs_1 3.2779328887332602
    rhs max_abs_2 2.6132390545959425
    rhs max_abs_3 2.9004391867785033
    rhs max_abs_4 3.0037394219962161
    rhs max_abs_5 3.4453828532542845
BOUNDS
 LO bnd x_0 -1
 UP bnd x_0 1
 LO bnd x_1 -1
 UP bnd x_1 1
 LO bnd x_2 -1
 UP bnd x_2 1
 LO bnd h_0_0 0
 UP bnd h_0_0 1.2089519266468063
 LO bnd h_0_1 0
 UP bnd h_0_1 2.1710067162243574
 LO bnd h_0_2 0
 UP bnd h_0_2 1.0680386448808181
 LO bnd h_0_3 0
 UP bnd h_0_3 0.7430354863472769
 LO bnd h_0_4 0
 UP bnd h_0_4 1.0628483287406405
 LO bnd h_0_5 0
 UP bnd h_0_5 0.84642326692751058
 LO bnd h_0_6 0
 UP bnd h_0_6 0.84251102537035716
 LO bnd h_0_7 0
 UP bnd h_0_7 2.1705297952920439
 LO bnd a_0_0 0
 UP bnd a_0_0 1
 LO bnd a_0_1 0
 UP bnd a_0_1 1
 LO bnd a_0_2 0
 UP bnd a_0_2 1
 LO bnd a_0_3 0
 UP bnd a_0_3 1
 LO bnd a_0_4 0
 UP bnd a_0_4 1
 LO bnd a_0_5 0
 UP bnd a_0_5 1
 LO bnd a_0_6 0
 UP bnd a_0_6 1
 LO bnd a_0_7 0
 UP bnd a_0_7 1
 LO bnd h_1_0 0
 UP bnd h_1_0 1.2195438318955183
 LO bnd h_1_1 0
 UP bnd h_1_1 3.0362747111445776
 LO bnd h_1_3 0
 UP bnd h_1_3 2.105347450726383
 LO bnd h_1_4 0
 UP bnd h_1_4 0.87231158181981705
 LO bnd h_1_5 0
 UP bnd h_1_5 1.1410036560258177
 LO bnd h_1_6 0
 UP bnd h_1_6 1.2158884992222756
 LO bnd h_1_7 0
 UP bnd h_1_7 1.3395486953462203
 LO bnd a_1_0 0
 UP bnd a_1_0 1
 LO bnd a_1_1 0
 UP bnd a_1_1 1
 LO bnd a_1_3 0
 UP bnd a_1_3 1
 LO bnd a_1_4 0
 UP bnd a_1_4 1
 LO bnd a_1_5 0
 UP bnd a_1_5 1
 LO bnd a_1_6 0
 UP bnd a_1_6 1
 LO bnd a_1_7 0
 UP bnd a_1_7 1
 LO bnd q_1_0 0
 UP bnd q_1_0 0.22278677688809306
 LO bnd q_1_1 0
 UP bnd q_1_1 0.23420216792363896
 LO bnd q_1_3 0
 UP bnd q_1_3 0.12824281361078099
 LO bnd q_1_4 -0.047414169484249084
 UP bnd q_1_4 0
 LO bnd q_1_5 -0.12942403239392278
 UP bnd q_1_5 0
 LO bnd q_1_6 0
 UP bnd q_1_6 0.5278714002666256
 LO bnd q_1_7 -1.1254271375392688
 UP bnd q_1_7 0
 LO bnd q_0_0 -1.0311065493607048
 UP bnd q_0_0 0.038071961650894943
 LO bnd q_0_1 -0.31938341742536386
 UP bnd q_0_1 0.52557760431468714
 LO bnd q_0_2 -0.034708498500240936
 UP bnd q_0_2 1.1105016376918366
 LO bnd q_0_3 -0.14864533342556693
 UP bnd q_0_3 0.99407708861290356
 LO bnd q_0_4 -0.64990814354235749
 UP bnd q_0_4 0.17740934589406038
 LO bnd q_0_5 -1.021691226102436
 UP bnd q_0_5 0.024208226279806712
 LO bnd q_0_6 -0.10828514260499714
 UP bnd q_0_6 0.69545500025178453
 LO bnd q_0_7 -0.3102662434470847
 UP bnd q_0_7 0.058861988552522837
 LO bnd gmax 0
 UP bnd gmax 2.0052578514582144
 LO bnd y_0_p 0
 UP bnd y_0_p 1
 LO bnd y_1_p 0
 UP bnd y_1_p 1
 LO bnd y_2_p 0
 UP bnd y_2_p 1
 LO bnd y_0_n 0
 UP bnd y_0_n 1
 LO bnd y_1_n 0
 UP bnd y_1_n 1
 LO bnd y_2_n 0
 UP bnd y_2_n 1
ENDATA
